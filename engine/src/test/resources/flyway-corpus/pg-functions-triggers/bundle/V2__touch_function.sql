CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $body$
BEGIN
  -- A semicolon inside the body; and a dollar sign: $1 is not a placeholder.
  NEW.updated_at := now();
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

CREATE TRIGGER items_touch BEFORE UPDATE ON items
  FOR EACH ROW EXECUTE FUNCTION touch();
