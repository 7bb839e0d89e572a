CREATE TABLE `bank_transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_key` text NOT NULL,
	`source` text NOT NULL,
	`bank` text,
	`account_number` text,
	`direction` text NOT NULL,
	`amount` integer NOT NULL,
	`content` text NOT NULL,
	`bank_reference` text,
	`transacted_at` text NOT NULL,
	`raw_body` text NOT NULL,
	`outcome` text NOT NULL,
	`reference` text,
	`sub_order_id` integer,
	`surplus` integer DEFAULT 0 NOT NULL,
	`resolution` text,
	`resolution_note` text,
	`resolved_by` integer,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`sub_order_id`) REFERENCES `sub_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_transfers_transfer_key_unique` ON `bank_transfers` (`transfer_key`);--> statement-breakpoint
CREATE INDEX `bank_transfers_open_idx` ON `bank_transfers` (`resolution`,`outcome`,`created_at`);--> statement-breakpoint
CREATE INDEX `bank_transfers_sub_order_idx` ON `bank_transfers` (`sub_order_id`);--> statement-breakpoint
CREATE TABLE `payment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `producer_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`producer_id` integer NOT NULL,
	`sub_order_id` integer NOT NULL,
	`payment_id` integer,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sub_order_id`) REFERENCES `sub_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `producer_ledger_entry_idx` ON `producer_ledger` (`sub_order_id`,`kind`);--> statement-breakpoint
CREATE INDEX `producer_ledger_producer_idx` ON `producer_ledger` (`producer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`sub_order_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`provider_refund_id` text,
	`reason` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sub_order_id`) REFERENCES `sub_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_sub_order_id_unique` ON `refunds` (`sub_order_id`);--> statement-breakpoint
CREATE INDEX `refunds_payment_idx` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE TABLE `sub_order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sub_order_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor` text NOT NULL,
	`user_id` integer,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`sub_order_id`) REFERENCES `sub_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sub_order_events_sub_order_idx` ON `sub_order_events` (`sub_order_id`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_cart_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cart_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`variant_id` integer,
	`line_key` text NOT NULL,
	`quantity` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`cart_id`) REFERENCES `carts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`variant_id`) REFERENCES `product_variants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_cart_items`("id", "cart_id", "product_id", "variant_id", "line_key", "quantity", "created_at") SELECT "id", "cart_id", "product_id", "variant_id", "line_key", "quantity", "created_at" FROM `cart_items`;--> statement-breakpoint
DROP TABLE `cart_items`;--> statement-breakpoint
ALTER TABLE `__new_cart_items` RENAME TO `cart_items`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `cart_items_line_idx` ON `cart_items` (`cart_id`,`line_key`);--> statement-breakpoint
CREATE TABLE `__new_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`link_token` text NOT NULL,
	`cart_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`user_id` integer,
	`buyer_name` text NOT NULL,
	`buyer_phone` text NOT NULL,
	`buyer_email` text,
	`province_code` text,
	`commune_code` text,
	`street` text,
	`note` text,
	`payment_method` text NOT NULL,
	`subtotal` integer NOT NULL,
	`shipping_fee` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`notified_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_orders`("id", "code", "link_token", "cart_id", "idempotency_key", "user_id", "buyer_name", "buyer_phone", "buyer_email", "province_code", "commune_code", "street", "note", "payment_method", "subtotal", "shipping_fee", "total", "notified_at", "created_at", "updated_at") SELECT "id", "code", "link_token", "cart_id", "idempotency_key", "user_id", "buyer_name", "buyer_phone", "buyer_email", "province_code", "commune_code", "street", "note", "payment_method", "subtotal", "shipping_fee", "total", "notified_at", "created_at", "updated_at" FROM `orders`;--> statement-breakpoint
DROP TABLE `orders`;--> statement-breakpoint
ALTER TABLE `__new_orders` RENAME TO `orders`;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_code_unique` ON `orders` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_link_token_unique` ON `orders` (`link_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_idempotency_idx` ON `orders` (`cart_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `orders_user_idx` ON `orders` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `orders_phone_idx` ON `orders` (`buyer_phone`);--> statement-breakpoint
CREATE TABLE `__new_sub_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`number` integer NOT NULL,
	`producer_id` integer NOT NULL,
	`status` text NOT NULL,
	`delivery_kind` text NOT NULL,
	`sales_point_id` integer,
	`fair_booth_id` integer,
	`pickup_place` text,
	`carrier` text,
	`tracking_number` text,
	`payment_deadline` text,
	`payee_bank_bin` text,
	`payee_account_number` text,
	`payee_account_name` text,
	`amount_received` integer DEFAULT 0 NOT NULL,
	`subtotal` integer NOT NULL,
	`shipping_fee` integer NOT NULL,
	`total` integer NOT NULL,
	`transition_token` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_sub_orders`("id", "order_id", "number", "producer_id", "status", "delivery_kind", "sales_point_id", "fair_booth_id", "pickup_place", "carrier", "tracking_number", "payment_deadline", "payee_bank_bin", "payee_account_number", "payee_account_name", "amount_received", "subtotal", "shipping_fee", "total", "transition_token", "created_at", "updated_at") SELECT "id", "order_id", "number", "producer_id", "status", "delivery_kind", "sales_point_id", "fair_booth_id", "pickup_place", "carrier", "tracking_number", "payment_deadline", "payee_bank_bin", "payee_account_number", "payee_account_name", "amount_received", "subtotal", "shipping_fee", "total", "transition_token", "created_at", "updated_at" FROM `sub_orders`;--> statement-breakpoint
DROP TABLE `sub_orders`;--> statement-breakpoint
ALTER TABLE `__new_sub_orders` RENAME TO `sub_orders`;--> statement-breakpoint
CREATE UNIQUE INDEX `sub_orders_number_idx` ON `sub_orders` (`order_id`,`number`);--> statement-breakpoint
CREATE INDEX `sub_orders_producer_idx` ON `sub_orders` (`producer_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `sub_orders_deadline_idx` ON `sub_orders` (`status`,`payment_deadline`);--> statement-breakpoint
CREATE INDEX `sub_orders_token_idx` ON `sub_orders` (`transition_token`);--> statement-breakpoint
ALTER TABLE `order_items` ADD `variant_label` text;--> statement-breakpoint
CREATE INDEX `order_items_product_idx` ON `order_items` (`product_id`);--> statement-breakpoint
ALTER TABLE `payments` ADD `sub_order_id` integer REFERENCES sub_orders(id);--> statement-breakpoint
ALTER TABLE `payments` ADD `refunded_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `provider_payment_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `issue` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `issue_resolved_at` text;--> statement-breakpoint
CREATE INDEX `payments_sub_order_idx` ON `payments` (`sub_order_id`);--> statement-breakpoint
CREATE INDEX `payments_issue_idx` ON `payments` (`issue`,`issue_resolved_at`);--> statement-breakpoint
ALTER TABLE `producers` ADD `shipping_flat_fee` integer;--> statement-breakpoint
ALTER TABLE `producers` ADD `shipping_free_from` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `sold_at_points_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `carts_user_idx` ON `carts` (`user_id`,`updated_at`);