CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`token_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_user_id` integer,
	`actor_token_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `cart_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cart_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`variant_id` integer,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`cart_id`) REFERENCES `carts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variant_id`) REFERENCES `product_variants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cart_items_line_idx` ON `cart_items` (`cart_id`,`product_id`,`variant_id`);--> statement-breakpoint
CREATE TABLE `carts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `certifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`stars` integer NOT NULL,
	`score` real NOT NULL,
	`part_score_a` real,
	`part_score_b` real,
	`part_score_c` real,
	`criteria_version` text NOT NULL,
	`level` text NOT NULL,
	`decision_number` text NOT NULL,
	`decision_date` text NOT NULL,
	`issuing_body` text NOT NULL,
	`valid_until` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`status_changed_at` text,
	`revocation_decision` text,
	`superseded_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`superseded_by_id`) REFERENCES `certifications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certifications_decision_idx` ON `certifications` (`product_id`,`decision_number`);--> statement-breakpoint
CREATE INDEX `certifications_product_idx` ON `certifications` (`product_id`,`decision_date`);--> statement-breakpoint
CREATE INDEX `certifications_status_idx` ON `certifications` (`status`,`valid_until`);--> statement-breakpoint
CREATE TABLE `communes` (
	`code` text PRIMARY KEY NOT NULL,
	`province_code` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`full_name_vi` text NOT NULL,
	`full_name_en` text NOT NULL,
	`kind` text NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `communes_province_idx` ON `communes` (`province_code`);--> statement-breakpoint
CREATE TABLE `fair_booths` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fair_id` integer NOT NULL,
	`code` text NOT NULL,
	`label` text,
	FOREIGN KEY (`fair_id`) REFERENCES `fairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fair_booths_code_idx` ON `fair_booths` (`fair_id`,`code`);--> statement-breakpoint
CREATE TABLE `fair_exhibitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fair_id` integer NOT NULL,
	`producer_id` integer NOT NULL,
	`booth_id` integer,
	FOREIGN KEY (`fair_id`) REFERENCES `fairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booth_id`) REFERENCES `fair_booths`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fair_exhibitors_idx` ON `fair_exhibitors` (`fair_id`,`producer_id`);--> statement-breakpoint
CREATE TABLE `fairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`description_vi` text,
	`description_en` text,
	`province_code` text NOT NULL,
	`commune_code` text,
	`venue` text NOT NULL,
	`organiser` text,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`is_published` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fairs_slug_unique` ON `fairs` (`slug`);--> statement-breakpoint
CREATE INDEX `fairs_dates_idx` ON `fairs` (`starts_on`,`ends_on`);--> statement-breakpoint
CREATE TABLE `fake_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stamp_id` integer,
	`scanned_path` text NOT NULL,
	`product_id` integer,
	`message` text,
	`photo_key` text,
	`contact` text,
	`province` text,
	`status` text DEFAULT 'open' NOT NULL,
	`reviewed_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`stamp_id`) REFERENCES `stamps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fake_reports_product_idx` ON `fake_reports` (`product_id`,`status`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`role` text,
	`producer_id` integer,
	`user_id` integer,
	`tax_code` text,
	`email` text,
	`phone` text,
	`created_by` integer,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_producer_idx` ON `invitations` (`producer_id`);--> statement-breakpoint
CREATE TABLE `lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`lot_code` text NOT NULL,
	`production_date` text,
	`best_before` text,
	`quantity` integer,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_product_code_idx` ON `lots` (`product_id`,`lot_code`);--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sub_order_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`variant_id` integer,
	`name_snapshot` text NOT NULL,
	`unit_price` integer NOT NULL,
	`quantity` integer NOT NULL,
	`line_total` integer NOT NULL,
	FOREIGN KEY (`sub_order_id`) REFERENCES `sub_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`variant_id`) REFERENCES `product_variants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_items_sub_order_idx` ON `order_items` (`sub_order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`user_id` integer,
	`buyer_name` text NOT NULL,
	`buyer_phone` text NOT NULL,
	`buyer_email` text,
	`province_code` text NOT NULL,
	`commune_code` text NOT NULL,
	`street` text NOT NULL,
	`payment_method` text NOT NULL,
	`status` text NOT NULL,
	`subtotal` integer NOT NULL,
	`shipping_fee` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`idempotency_key` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_code_unique` ON `orders` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_idempotency_key_unique` ON `orders` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `orders_user_idx` ON `orders` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`amount` integer NOT NULL,
	`provider_reference` text,
	`provider_payload` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_reference_unique` ON `payments` (`provider_reference`);--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`order_id`);--> statement-breakpoint
CREATE TABLE `producers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_normalized` text NOT NULL,
	`kind` text NOT NULL,
	`tax_code` text,
	`province_code` text NOT NULL,
	`commune_code` text,
	`street` text,
	`legacy_address` text,
	`phone` text,
	`zalo` text,
	`email` text,
	`website` text,
	`story_vi` text,
	`story_en` text,
	`logo_url` text,
	`bank_bin` text,
	`bank_account_number` text,
	`bank_account_name` text,
	`claimed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `producers_slug_unique` ON `producers` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `producers_tax_code_unique` ON `producers` (`tax_code`);--> statement-breakpoint
CREATE INDEX `producers_province_idx` ON `producers` (`province_code`);--> statement-breakpoint
CREATE INDEX `producers_name_idx` ON `producers` (`province_code`,`name_normalized`);--> statement-breakpoint
CREATE TABLE `product_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`criteria_version` text NOT NULL,
	`code` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `product_groups_code_idx` ON `product_groups` (`code`);--> statement-breakpoint
CREATE TABLE `product_images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`url` text NOT NULL,
	`alt_vi` text NOT NULL,
	`alt_en` text,
	`width` integer,
	`height` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `product_images_product_idx` ON `product_images` (`product_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `product_subgroups` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`parent_id` text,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `product_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `product_subgroups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_subgroups_group_idx` ON `product_subgroups` (`group_id`);--> statement-breakpoint
CREATE TABLE `product_variants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`label_vi` text NOT NULL,
	`label_en` text,
	`price` integer NOT NULL,
	`stock` integer DEFAULT 0 NOT NULL,
	`gtin` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_variants_gtin_unique` ON `product_variants` (`gtin`);--> statement-breakpoint
CREATE INDEX `product_variants_product_idx` ON `product_variants` (`product_id`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`producer_id` integer NOT NULL,
	`producer_code` text,
	`name_vi` text NOT NULL,
	`name_en` text,
	`name_normalized` text NOT NULL,
	`group_id` text NOT NULL,
	`subgroup_id` text,
	`description_vi` text,
	`description_en` text,
	`story_vi` text,
	`story_en` text,
	`gtin` text,
	`trace_code` text,
	`unit` text DEFAULT 'piece' NOT NULL,
	`price` integer,
	`stock` integer DEFAULT 0 NOT NULL,
	`is_published` integer DEFAULT true NOT NULL,
	`is_featured` integer DEFAULT false NOT NULL,
	`province_code` text NOT NULL,
	`certification_id` integer,
	`ocop_stars` integer,
	`certified_until` text,
	`search_text` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `product_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subgroup_id`) REFERENCES `product_subgroups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`certification_id`) REFERENCES `certifications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_slug_unique` ON `products` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_gtin_unique` ON `products` (`gtin`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_trace_code_unique` ON `products` (`trace_code`);--> statement-breakpoint
CREATE INDEX `products_producer_idx` ON `products` (`producer_id`);--> statement-breakpoint
CREATE INDEX `products_listing_idx` ON `products` (`is_published`,`ocop_stars`,`certified_until`);--> statement-breakpoint
CREATE INDEX `products_province_idx` ON `products` (`province_code`,`ocop_stars`);--> statement-breakpoint
CREATE INDEX `products_group_idx` ON `products` (`group_id`,`ocop_stars`);--> statement-breakpoint
CREATE INDEX `products_created_idx` ON `products` (`created_at`);--> statement-breakpoint
CREATE INDEX `products_price_idx` ON `products` (`price`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_producer_code_idx` ON `products` (`producer_id`,`producer_code`);--> statement-breakpoint
CREATE INDEX `products_name_idx` ON `products` (`producer_id`,`name_normalized`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`full_name_vi` text NOT NULL,
	`full_name_en` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provinces_slug_unique` ON `provinces` (`slug`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sales_point_products` (
	`sales_point_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	PRIMARY KEY(`sales_point_id`, `product_id`),
	FOREIGN KEY (`sales_point_id`) REFERENCES `sales_points`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sales_point_products_product_idx` ON `sales_point_products` (`product_id`);--> statement-breakpoint
CREATE TABLE `sales_points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`province_code` text NOT NULL,
	`commune_code` text,
	`street` text,
	`latitude` real,
	`longitude` real,
	`phone` text,
	`opening_hours` text,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_points_slug_unique` ON `sales_points` (`slug`);--> statement-breakpoint
CREATE INDEX `sales_points_province_idx` ON `sales_points` (`province_code`);--> statement-breakpoint
CREATE TABLE `scan_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stamp_id` integer,
	`serial` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`verdict` text NOT NULL,
	`province` text,
	`country` text,
	`device_id` text,
	`ip_hash` text,
	`user_agent_family` text,
	FOREIGN KEY (`stamp_id`) REFERENCES `stamps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scan_events_stamp_idx` ON `scan_events` (`stamp_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `scan_events_time_idx` ON `scan_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_seen_at` text NOT NULL,
	`idle_expires_at` text NOT NULL,
	`absolute_expires_at` text NOT NULL,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `stamp_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lot_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`with_pin` integer DEFAULT false NOT NULL,
	`key_version` integer NOT NULL,
	`issued_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`activated_at` text,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stamp_batches_lot_idx` ON `stamp_batches` (`lot_id`);--> statement-breakpoint
CREATE TABLE `stamps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`serial` text NOT NULL,
	`sheet_number` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'issued' NOT NULL,
	`pin_hmac` text,
	`pin_claimed_at` text,
	`pin_claim_province` text,
	`pin_failed_attempts` integer DEFAULT 0 NOT NULL,
	`pin_locked_until` text,
	`scan_count` integer DEFAULT 0 NOT NULL,
	`device_count` integer DEFAULT 0 NOT NULL,
	`province_count` integer DEFAULT 0 NOT NULL,
	`first_scanned_at` text,
	`first_scan_province` text,
	`last_scanned_at` text,
	`activated_at` text,
	`voided_at` text,
	FOREIGN KEY (`batch_id`) REFERENCES `stamp_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stamps_serial_unique` ON `stamps` (`serial`);--> statement-breakpoint
CREATE INDEX `stamps_batch_idx` ON `stamps` (`batch_id`,`sheet_number`);--> statement-breakpoint
CREATE TABLE `stock_adjustments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`variant_id` integer,
	`delta` integer NOT NULL,
	`stock_after` integer NOT NULL,
	`reason` text NOT NULL,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`variant_id`) REFERENCES `product_variants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_adjustments_product_idx` ON `stock_adjustments` (`product_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sub_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`producer_id` integer NOT NULL,
	`status` text NOT NULL,
	`subtotal` integer NOT NULL,
	`shipping_fee` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sub_orders_order_idx` ON `sub_orders` (`order_id`);--> statement-breakpoint
CREATE INDEX `sub_orders_producer_idx` ON `sub_orders` (`producer_id`,`status`);--> statement-breakpoint
CREATE TABLE `trace_event_inputs` (
	`event_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `lot_id`),
	FOREIGN KEY (`event_id`) REFERENCES `trace_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `trace_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lot_id` integer NOT NULL,
	`event_type` text NOT NULL,
	`occurred_at` text NOT NULL,
	`province_code` text,
	`commune_code` text,
	`sales_point_id` integer,
	`place_text` text,
	`actor` text,
	`description` text,
	`report_url` text,
	`is_public` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sales_point_id`) REFERENCES `sales_points`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trace_events_lot_idx` ON `trace_events` (`lot_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text,
	`phone` text,
	`display_name` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`producer_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`locale` text DEFAULT 'vi' NOT NULL,
	`last_login_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_unique` ON `users` (`phone`);--> statement-breakpoint
CREATE INDEX `users_producer_idx` ON `users` (`producer_id`);