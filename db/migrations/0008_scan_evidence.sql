ALTER TABLE `scan_events` ADD `beacon_nonce` text;--> statement-breakpoint
CREATE UNIQUE INDEX `scan_events_beacon_nonce_unique` ON `scan_events` (`beacon_nonce`);--> statement-breakpoint
CREATE INDEX `scan_events_stamp_ip_idx` ON `scan_events` (`stamp_id`,`ip_hash`);--> statement-breakpoint
ALTER TABLE `stamps` ADD `network_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Stamps scanned before this migration count their distinct networks from the events already kept.
UPDATE `stamps` SET `network_count` = (
  SELECT count(DISTINCT `ip_hash`) FROM `scan_events`
  WHERE `scan_events`.`stamp_id` = `stamps`.`id` AND `scan_events`.`ip_hash` IS NOT NULL
) WHERE `scan_count` > 0;
