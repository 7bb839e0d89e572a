DROP INDEX `products_listing_idx`;--> statement-breakpoint
CREATE INDEX `products_listing_idx` ON `products` (`is_published`,`ocop_stars`,`id`,`certified_until`,`province_code`,`group_id`);