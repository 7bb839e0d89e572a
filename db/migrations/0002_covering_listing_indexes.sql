DROP INDEX `products_listing_idx`;--> statement-breakpoint
DROP INDEX `products_province_idx`;--> statement-breakpoint
DROP INDEX `products_group_idx`;--> statement-breakpoint
CREATE INDEX `products_featured_idx` ON `products` (`is_featured`,`ocop_stars`);--> statement-breakpoint
CREATE INDEX `products_listing_idx` ON `products` (`is_published`,`ocop_stars`,`certified_until`,`province_code`,`group_id`);--> statement-breakpoint
CREATE INDEX `products_province_idx` ON `products` (`province_code`,`is_published`,`ocop_stars`,`certified_until`);--> statement-breakpoint
CREATE INDEX `products_group_idx` ON `products` (`group_id`,`is_published`,`ocop_stars`,`certified_until`);