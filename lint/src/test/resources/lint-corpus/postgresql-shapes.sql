-- Hand-written PostgreSQL shapes: blocks, bodies, comments, renames and views within a plan.

-- case: do-block
-- expect: not-analysed
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('sad', 'ok');
  END IF;
END
$$;

-- case: function-with-tagged-dollar-quote
-- Creating a routine runs none of its body: nothing to judge, no table locked.
-- expect: none
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  NEW.updated_at := now();
  UPDATE audit SET n = n + 1;
  RETURN NEW;
END;
$body$;

-- case: sql-standard-body-then-statements
-- expect: add-column-not-null-without-default
CREATE OR REPLACE FUNCTION g(text) RETURNS text LANGUAGE SQL IMMUTABLE RETURN $1;
CREATE TABLE t9 (id INT);
ALTER TABLE t10 ADD COLUMN c INT NOT NULL;

-- case: sql-standard-begin-atomic
-- expect: none
CREATE FUNCTION add_one(i INT) RETURNS INT LANGUAGE SQL
BEGIN ATOMIC
  SELECT i + 1;
END;

-- case: sequence-if-not-exists
-- expect: not-analysed
CREATE SEQUENCE IF NOT EXISTS order_numbers START 1000;

-- case: partitioned-table-and-partition
-- expect: none
CREATE TABLE events (id BIGINT, at DATE) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_at ON events (at);

-- case: created-then-renamed
-- expect: none
CREATE TABLE accounts_base (id INT, nm TEXT);
ALTER TABLE accounts_base RENAME TO accounts;
ALTER TABLE accounts RENAME COLUMN nm TO name;
ALTER TABLE accounts ADD COLUMN code TEXT NOT NULL;
CREATE INDEX accounts_name ON accounts (name);

-- case: renamed-existing-table-stays-existing
-- expect: rename-table, index-without-concurrently
ALTER TABLE customers RENAME TO clients;
CREATE INDEX clients_name ON clients (name);

-- case: materialized-view-and-its-index
-- expect: none
CREATE MATERIALIZED VIEW daily_totals AS SELECT date_trunc('day', at) AS day, count(*) AS n FROM events GROUP BY 1;
CREATE UNIQUE INDEX daily_totals_day ON daily_totals (day);

-- case: view-and-replace
-- expect: none
CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;

-- case: keyword-columns-in-a-new-table
-- expect: none
CREATE TABLE api_keys (key VARCHAR(250) NOT NULL PRIMARY KEY, errors INT, value TEXT, type TEXT);
CREATE INDEX api_keys_type ON api_keys (type);
ALTER TABLE api_keys ADD COLUMN status TEXT NOT NULL;

-- case: generated-column-in-a-new-table
-- expect: none
CREATE TABLE prices (net NUMERIC, gross NUMERIC GENERATED ALWAYS AS (net * 1.2) STORED);

-- case: identity-and-jsonb
-- expect: none
CREATE TABLE documents (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body JSONB NOT NULL);

-- case: licence-header-then-update
-- expect: update-without-where
/*
 * Copyright the authors. Licensed under the Apache License, Version 2.0.
 */
UPDATE orders SET total = 0;

-- case: nested-block-comment
-- expect: drop-column
/* outer /* nested; with a semicolon */ still comment; */
ALTER TABLE orders DROP COLUMN legacy;

-- case: comments-everywhere
-- expect: index-without-concurrently
-- an index for the report
CREATE INDEX orders_created -- the column
  ON orders /* the table */ (created_at); -- trailing

-- case: semicolon-in-strings-and-comments
-- expect: none
INSERT INTO notes (body) VALUES ('a; b; -- not a comment'), ('/* nor this */');

-- case: ddl-and-data-in-one-transaction
-- expect: add-column-not-null-without-default, ddl-and-data-in-one-transaction, update-without-where
ALTER TABLE orders ADD COLUMN flag INT NOT NULL;
UPDATE orders SET flag = 0;

-- case: data-only-script
-- expect: none
UPDATE orders SET flag = 0 WHERE id IN (SELECT id FROM orders WHERE flag IS NULL LIMIT 1000);

-- case: insert-select-copies
-- expect: none
INSERT INTO orders_archive SELECT * FROM orders WHERE created_at < '2020-01-01';

-- case: lint-ignore-directive
-- expect: none
-- schemagate:lint-ignore update-without-where the table holds one row
UPDATE app_settings SET schema_note = 'v7';

-- case: lint-ignore-without-reason
-- expect: ignore-without-reason, truncate
-- schemagate:lint-ignore truncate
TRUNCATE cache_entries;

-- case: comment-on-and-grant
-- expect: none
COMMENT ON COLUMN orders.total IS 'in cents';
GRANT SELECT ON orders TO reporting;

-- case: extension-and-type
-- expect: none
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TYPE mood AS ENUM ('sad', 'ok');

-- case: alter-type-add-value
-- expect: none
ALTER TYPE mood ADD VALUE 'happy';

-- case: drop-index-concurrently
-- expect: not-analysed
DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;

-- case: add-primary-key-to-existing
-- expect: none
ALTER TABLE ONLY orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

-- case: truncate-several-cascade
-- expect: truncate
TRUNCATE TABLE sessions, tokens RESTART IDENTITY CASCADE;

-- case: quoted-schema-and-table
-- expect: drop-column
ALTER TABLE "Billing"."Invoices" DROP COLUMN "LegacyCode";

-- case: if-exists-only-rename
-- expect: rename-column
ALTER TABLE IF EXISTS ONLY orders RENAME COLUMN total TO amount;
