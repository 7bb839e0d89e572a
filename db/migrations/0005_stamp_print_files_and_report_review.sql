CREATE TABLE `stamp_pin_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`object_key` text NOT NULL,
	`first_sheet` integer NOT NULL,
	`last_sheet` integer NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `stamp_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stamp_pin_files_object_key_unique` ON `stamp_pin_files` (`object_key`);--> statement-breakpoint
CREATE INDEX `stamp_pin_files_batch_idx` ON `stamp_pin_files` (`batch_id`);--> statement-breakpoint
CREATE INDEX `stamp_pin_files_expiry_idx` ON `stamp_pin_files` (`expires_at`);--> statement-breakpoint
ALTER TABLE `fake_reports` ADD `reviewed_at` text;--> statement-breakpoint
CREATE INDEX `fake_reports_status_idx` ON `fake_reports` (`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `stamp_batches` ADD `sheet_layout` text;--> statement-breakpoint
ALTER TABLE `stamp_batches` ADD `sheet_preset` text;