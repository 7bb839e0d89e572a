-- GTINs in one form, unique across the platform (issue 12). 8936045120019 and 08936045120019 are one
-- GTIN, yet as text the unique indexes saw two, and a pack size could carry another product's GTIN:
-- fake reports for one producer's stamps then went to another. From here on every GTIN is stored as
-- its GTIN-14 (worker/domain/gtin.ts toGtin14, as Digital Link prints it), and a GTIN belongs to one
-- product: its own row and its pack sizes may share it, nobody else may hold it.
--
-- Existing rows, deterministically:
--   1. a value that is not 8, 12, 13 or 14 digits is no GTIN and is cleared;
--   2. of the holders of one GTIN-14, the product with the lowest id keeps it (its own row, and its
--      pack size with the lowest id); every other holder's GTIN is cleared;
--   3. what remains is padded to 14 digits.
-- Each cleared value is reported in the audit log (action gtin.cleared, actor: the system) with the
-- value it had, why, and the product that keeps it, so administrators can follow up with producers.
CREATE TABLE `gtin_canonicalisation` (
  `kind` text NOT NULL,
  `row_id` integer NOT NULL,
  `product_id` integer NOT NULL,
  `gtin` text NOT NULL,
  `gtin14` text,
  `kept_by` integer,
  `cleared` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO `gtin_canonicalisation` (`kind`, `row_id`, `product_id`, `gtin`, `gtin14`)
SELECT 'product', `id`, `id`, `gtin`,
  CASE WHEN length(`gtin`) IN (8, 12, 13, 14) AND `gtin` NOT GLOB '*[^0-9]*'
    THEN substr('00000000000000' || `gtin`, -14) END
FROM `products` WHERE `gtin` IS NOT NULL
UNION ALL
SELECT 'product_variant', `id`, `product_id`, `gtin`,
  CASE WHEN length(`gtin`) IN (8, 12, 13, 14) AND `gtin` NOT GLOB '*[^0-9]*'
    THEN substr('00000000000000' || `gtin`, -14) END
FROM `product_variants` WHERE `gtin` IS NOT NULL;
--> statement-breakpoint
UPDATE `gtin_canonicalisation` SET `kept_by` = (
  SELECT min(`holder`.`product_id`) FROM `gtin_canonicalisation` AS `holder`
  WHERE `holder`.`gtin14` = `gtin_canonicalisation`.`gtin14`
) WHERE `gtin14` IS NOT NULL;
--> statement-breakpoint
UPDATE `gtin_canonicalisation` SET `cleared` = 1
WHERE `gtin14` IS NULL
  OR `product_id` <> `kept_by`
  OR (`kind` = 'product_variant' AND `row_id` > (
    SELECT min(`pack`.`row_id`) FROM `gtin_canonicalisation` AS `pack`
    WHERE `pack`.`kind` = 'product_variant'
      AND `pack`.`product_id` = `gtin_canonicalisation`.`product_id`
      AND `pack`.`gtin14` = `gtin_canonicalisation`.`gtin14`
  ));
--> statement-breakpoint
INSERT INTO `audit_log` (`action`, `entity`, `entity_id`, `before`, `after`)
SELECT 'gtin.cleared', `kind`, CAST(`row_id` AS TEXT), json_object('gtin', `gtin`),
  json_object(
    'gtin', NULL,
    'reason', CASE WHEN `gtin14` IS NULL THEN 'not_a_gtin'
      WHEN `product_id` <> `kept_by` THEN 'held_by_another_product'
      ELSE 'held_by_another_pack_size' END,
    'keptByProductId', `kept_by`
  )
FROM `gtin_canonicalisation` WHERE `cleared` = 1
ORDER BY `kind`, `row_id`;
--> statement-breakpoint
UPDATE `products` SET `gtin` = NULL
WHERE `id` IN (SELECT `row_id` FROM `gtin_canonicalisation` WHERE `kind` = 'product' AND `cleared` = 1);
--> statement-breakpoint
UPDATE `product_variants` SET `gtin` = NULL
WHERE `id` IN (SELECT `row_id` FROM `gtin_canonicalisation` WHERE `kind` = 'product_variant' AND `cleared` = 1);
--> statement-breakpoint
UPDATE `products` SET `gtin` = substr('00000000000000' || `gtin`, -14) WHERE length(`gtin`) < 14;
--> statement-breakpoint
UPDATE `product_variants` SET `gtin` = substr('00000000000000' || `gtin`, -14) WHERE length(`gtin`) < 14;
--> statement-breakpoint
DROP TABLE `gtin_canonicalisation`;
--> statement-breakpoint
-- From here on, the database keeps it so. The errors read as SQLite's own constraint errors, so the
-- data layer's withConstraints (worker/data/constraints.ts) maps them like any unique index: a pack
-- size given another product's GTIN is `gtin_taken`. AFTER triggers, so a row an upsert ignores
-- (the seed's ON CONFLICT DO NOTHING) is never checked, and NEW.id is the row's real id; ABORT
-- undoes the statement.
CREATE TRIGGER `products_gtin_insert` AFTER INSERT ON `products` WHEN NEW.`gtin` IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: products_gtin_14_digits')
  WHERE length(NEW.`gtin`) <> 14 OR NEW.`gtin` GLOB '*[^0-9]*';
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: products.gtin')
  WHERE EXISTS (SELECT 1 FROM `product_variants` WHERE `gtin` = NEW.`gtin` AND `product_id` <> NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `products_gtin_update` AFTER UPDATE OF `gtin`, `id` ON `products` WHEN NEW.`gtin` IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: products_gtin_14_digits')
  WHERE length(NEW.`gtin`) <> 14 OR NEW.`gtin` GLOB '*[^0-9]*';
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: products.gtin')
  WHERE EXISTS (SELECT 1 FROM `product_variants` WHERE `gtin` = NEW.`gtin` AND `product_id` <> NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `product_variants_gtin_insert` AFTER INSERT ON `product_variants` WHEN NEW.`gtin` IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: product_variants_gtin_14_digits')
  WHERE length(NEW.`gtin`) <> 14 OR NEW.`gtin` GLOB '*[^0-9]*';
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: product_variants.gtin')
  WHERE EXISTS (SELECT 1 FROM `products` WHERE `gtin` = NEW.`gtin` AND `id` <> NEW.`product_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `product_variants_gtin_update` AFTER UPDATE OF `gtin`, `product_id` ON `product_variants` WHEN NEW.`gtin` IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: product_variants_gtin_14_digits')
  WHERE length(NEW.`gtin`) <> 14 OR NEW.`gtin` GLOB '*[^0-9]*';
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: product_variants.gtin')
  WHERE EXISTS (SELECT 1 FROM `products` WHERE `gtin` = NEW.`gtin` AND `id` <> NEW.`product_id`);
END;
