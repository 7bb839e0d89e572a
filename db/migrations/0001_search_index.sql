-- Full-text index over the catalogue. Text is folded before it is stored
-- (worker/domain/text.ts: tone marks removed, đ/Đ to d) because the
-- unicode61 tokenizer keeps đ apart from d; the tokenizer's own folding is a
-- second line of defence for anything written without the data layer.
CREATE VIRTUAL TABLE products_fts USING fts5(
  name_normalized,
  search_text,
  content = 'products',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_fts (rowid, name_normalized, search_text)
  VALUES (new.id, new.name_normalized, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, name_normalized, search_text)
  VALUES ('delete', old.id, old.name_normalized, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER products_fts_update AFTER UPDATE OF name_normalized, search_text ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, name_normalized, search_text)
  VALUES ('delete', old.id, old.name_normalized, old.search_text);
  INSERT INTO products_fts (rowid, name_normalized, search_text)
  VALUES (new.id, new.name_normalized, new.search_text);
END;
