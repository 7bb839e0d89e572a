CREATE INDEX `scan_events_stamp_device_idx` ON `scan_events` (`stamp_id`,`device_id`);--> statement-breakpoint
CREATE INDEX `scan_events_stamp_province_idx` ON `scan_events` (`stamp_id`,`province`);