CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM items; $$;
DO $$
BEGIN
  INSERT INTO items (name) VALUES ('first');
END
$$;
COMMENT ON TABLE items IS 'Items; with a semicolon';
