-- Sales points and fairs (issue 14). Written by drizzle-kit, then edited by hand where SQLite
-- needs it: SQLite cannot ADD a column whose default is not a constant, so fair_exhibitors and
-- sales_point_products are rebuilt (nothing references either, so dropping the old copy deletes
-- nothing else); sales_points and fairs are only altered, because dropping them would cascade to
-- their listings, booths and exhibitors. Existing rows are carried over: exhibitors were placed
-- by staff (accepted), the first schema's 'store' kind is folded into 'ocop_centre' as
-- db/reference/sales-point-kinds.json says, and opening hours written as free text are dropped
-- (the column now holds schema.org OpeningHoursSpecification JSON). geo_x/y/z stay empty here, as
-- they need trigonometry: the data layer writes them with every save and the demo seed with its upsert.
CREATE TABLE `sales_point_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sales_point_id` integer NOT NULL,
	`url` text NOT NULL,
	`alt_vi` text NOT NULL,
	`alt_en` text,
	`width` integer,
	`height` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`sales_point_id`) REFERENCES `sales_points`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sales_point_photos_point_idx` ON `sales_point_photos` (`sales_point_id`,`sort_order`);--> statement-breakpoint
DROP INDEX `sales_points_province_idx`;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `operator` text;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `geo_x` real;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `geo_y` real;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `geo_z` real;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `zalo` text;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `website` text;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `sales_points` ADD `proposed_by_producer_id` integer REFERENCES producers(id);--> statement-breakpoint
ALTER TABLE `sales_points` ADD `created_by` integer REFERENCES users(id);--> statement-breakpoint
UPDATE `sales_points` SET
	`status` = CASE WHEN `is_active` = 1 THEN 'active' ELSE 'closed' END,
	`kind` = CASE WHEN `kind` = 'store' THEN 'ocop_centre' ELSE `kind` END,
	`opening_hours` = CASE WHEN json_valid(`opening_hours`) AND json_type(`opening_hours`) = 'array' THEN `opening_hours` ELSE NULL END;--> statement-breakpoint
ALTER TABLE `sales_points` DROP COLUMN `is_active`;--> statement-breakpoint
CREATE INDEX `sales_points_geo_idx` ON `sales_points` (`status`,`latitude`,`longitude`);--> statement-breakpoint
CREATE INDEX `sales_points_proposer_idx` ON `sales_points` (`proposed_by_producer_id`);--> statement-breakpoint
CREATE INDEX `sales_points_province_idx` ON `sales_points` (`province_code`,`status`);--> statement-breakpoint
CREATE TABLE `__new_sales_point_products` (
	`sales_point_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`price` integer,
	`confirmed_on` text,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`sales_point_id`, `product_id`),
	FOREIGN KEY (`sales_point_id`) REFERENCES `sales_points`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_sales_point_products` (`sales_point_id`, `product_id`) SELECT `sales_point_id`, `product_id` FROM `sales_point_products`;--> statement-breakpoint
DROP TABLE `sales_point_products`;--> statement-breakpoint
ALTER TABLE `__new_sales_point_products` RENAME TO `sales_point_products`;--> statement-breakpoint
CREATE INDEX `sales_point_products_product_idx` ON `sales_point_products` (`product_id`);--> statement-breakpoint
ALTER TABLE `fairs` ADD `kind` text DEFAULT 'trade_fair' NOT NULL;--> statement-breakpoint
ALTER TABLE `fairs` ADD `street` text;--> statement-breakpoint
ALTER TABLE `fairs` ADD `latitude` real;--> statement-breakpoint
ALTER TABLE `fairs` ADD `longitude` real;--> statement-breakpoint
ALTER TABLE `fairs` ADD `daily_opens` text;--> statement-breakpoint
ALTER TABLE `fairs` ADD `daily_closes` text;--> statement-breakpoint
ALTER TABLE `fairs` ADD `applications_open_on` text;--> statement-breakpoint
ALTER TABLE `fairs` ADD `applications_close_on` text;--> statement-breakpoint
ALTER TABLE `fairs` ADD `zones` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `fairs` ADD `booth_types` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `fairs` ADD `created_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `fairs_calendar_idx` ON `fairs` (`is_published`,`ends_on`,`starts_on`);--> statement-breakpoint
ALTER TABLE `fair_booths` ADD `zone_code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `fair_booths` ADD `type_code` text;--> statement-breakpoint
CREATE TABLE `__new_fair_exhibitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fair_id` integer NOT NULL,
	`producer_id` integer NOT NULL,
	`status` text DEFAULT 'applied' NOT NULL,
	`booth_id` integer,
	`note` text,
	`decision_reason` text,
	`applied_by` integer,
	`decided_by` integer,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`fair_id`) REFERENCES `fairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booth_id`) REFERENCES `fair_booths`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_fair_exhibitors` (`id`, `fair_id`, `producer_id`, `status`, `booth_id`) SELECT `id`, `fair_id`, `producer_id`, 'accepted', `booth_id` FROM `fair_exhibitors`;--> statement-breakpoint
DROP TABLE `fair_exhibitors`;--> statement-breakpoint
ALTER TABLE `__new_fair_exhibitors` RENAME TO `fair_exhibitors`;--> statement-breakpoint
CREATE UNIQUE INDEX `fair_exhibitors_idx` ON `fair_exhibitors` (`fair_id`,`producer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `fair_exhibitors_booth_idx` ON `fair_exhibitors` (`booth_id`);--> statement-breakpoint
CREATE INDEX `fair_exhibitors_producer_idx` ON `fair_exhibitors` (`producer_id`,`status`);--> statement-breakpoint
CREATE TABLE `fair_exhibitor_products` (
	`exhibitor_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	PRIMARY KEY(`exhibitor_id`, `product_id`),
	FOREIGN KEY (`exhibitor_id`) REFERENCES `fair_exhibitors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fair_exhibitor_products_product_idx` ON `fair_exhibitor_products` (`product_id`);
