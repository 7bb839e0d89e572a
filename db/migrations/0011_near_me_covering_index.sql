DROP INDEX `sales_points_geo_idx`;--> statement-breakpoint
CREATE INDEX `sales_points_geo_idx` ON `sales_points` (`status`,`latitude`,`longitude`,`geo_x`,`geo_y`,`geo_z`);