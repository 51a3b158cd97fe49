-- The lint's labelled corpus for PostgreSQL: each case is linted as a script of its own on a
-- database where every table exists, except those named in 'new' (created earlier in the plan).
-- 'expect' lists the rules the case must produce, and no other. Generated shapes first (each
-- statement on several kinds of names), then hand-written ones.

-- case: add-not-null/plain
-- expect: add-column-not-null-without-default
ALTER TABLE orders ADD COLUMN added INT NOT NULL;

-- case: add-not-null-default/plain
-- expect: none
ALTER TABLE orders ADD COLUMN added INT NOT NULL DEFAULT 0;

-- case: add-nullable/plain
-- expect: none
ALTER TABLE orders
  ADD COLUMN added TEXT;

-- case: add-if-not-exists/plain
-- expect: none
ALTER TABLE IF EXISTS orders ADD COLUMN IF NOT EXISTS added INT;

-- case: add-volatile-default/plain
-- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- case: add-constant-default/plain
-- expect: none
ALTER TABLE orders ADD COLUMN created_at TIMESTAMPTZ DEFAULT '2024-01-01';

-- case: add-generated/plain
-- expect: none
ALTER TABLE orders ADD COLUMN doubled INT GENERATED ALWAYS AS (id * 2) STORED;

-- case: type-change/plain
-- expect: column-type-change
ALTER TABLE orders ALTER COLUMN total TYPE BIGINT;

-- case: set-data-type/plain
-- expect: column-type-change
ALTER TABLE orders ALTER COLUMN total SET DATA TYPE NUMERIC(12, 2);

-- case: set-not-null/plain
-- expect: set-not-null
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;

-- case: set-default/plain
-- expect: none
ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;

-- case: drop-not-null/plain
-- expect: none
ALTER TABLE orders ALTER COLUMN total DROP NOT NULL;

-- case: drop-column/plain
-- expect: drop-column
ALTER TABLE orders DROP COLUMN total;

-- case: drop-column-if-exists/plain
-- expect: drop-column
ALTER TABLE orders DROP COLUMN IF EXISTS total CASCADE;

-- case: rename-column/plain
-- expect: rename-column
ALTER TABLE orders RENAME COLUMN total TO legacy_value;

-- case: rename-table/plain
-- expect: rename-table
ALTER TABLE orders RENAME TO archived_rows;

-- case: foreign-key/plain
-- expect: constraint-without-not-valid
ALTER TABLE orders ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: foreign-key-not-valid/plain
-- expect: none
ALTER TABLE orders ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

-- case: check/plain
-- expect: constraint-without-not-valid
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);

-- case: check-not-valid/plain
-- expect: none
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;

-- case: validate/plain
-- expect: none
ALTER TABLE orders VALIDATE CONSTRAINT positive;

-- case: index/plain
-- expect: index-without-concurrently
CREATE INDEX orders_total_idx ON orders (total);

-- case: index-concurrently/plain
-- expect: none
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);

-- case: unique-index-if-not-exists/plain
-- expect: index-without-concurrently
CREATE UNIQUE INDEX IF NOT EXISTS orders_total_idx ON orders (total);

-- case: drop-table/plain
-- expect: drop-table
DROP TABLE orders;

-- case: drop-table-cascade/plain
-- expect: drop-table
DROP TABLE IF EXISTS orders CASCADE;

-- case: truncate/plain
-- expect: truncate
TRUNCATE TABLE orders;

-- case: truncate-cascade/plain
-- expect: truncate
TRUNCATE orders CASCADE;

-- case: update-all/plain
-- expect: update-without-where
UPDATE orders SET total = 0;

-- case: update-where/plain
-- expect: none
UPDATE orders SET total = 0 WHERE id = 1;

-- case: delete-all/plain
-- expect: delete-without-where
DELETE FROM orders;

-- case: delete-where/plain
-- expect: none
DELETE FROM orders WHERE id < 100;

-- case: insert-values/plain
-- expect: none
INSERT INTO orders (id) VALUES (1);

-- case: add-not-null/keyword-key
-- expect: add-column-not-null-without-default
ALTER TABLE settings ADD COLUMN added INT NOT NULL;

-- case: add-not-null-default/keyword-key
-- expect: none
ALTER TABLE settings ADD COLUMN added INT NOT NULL DEFAULT 0;

-- case: add-nullable/keyword-key
-- expect: none
ALTER TABLE settings
  ADD COLUMN added TEXT;

-- case: add-if-not-exists/keyword-key
-- expect: none
ALTER TABLE IF EXISTS settings ADD COLUMN IF NOT EXISTS added INT;

-- case: add-volatile-default/keyword-key
-- expect: add-column-volatile-default
ALTER TABLE settings ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- case: add-constant-default/keyword-key
-- expect: none
ALTER TABLE settings ADD COLUMN created_at TIMESTAMPTZ DEFAULT '2024-01-01';

-- case: add-generated/keyword-key
-- expect: none
ALTER TABLE settings ADD COLUMN doubled INT GENERATED ALWAYS AS (id * 2) STORED;

-- case: type-change/keyword-key
-- expect: column-type-change
ALTER TABLE settings ALTER COLUMN key TYPE BIGINT;

-- case: set-data-type/keyword-key
-- expect: column-type-change
ALTER TABLE settings ALTER COLUMN key SET DATA TYPE NUMERIC(12, 2);

-- case: set-not-null/keyword-key
-- expect: set-not-null
ALTER TABLE settings ALTER COLUMN key SET NOT NULL;

-- case: set-default/keyword-key
-- expect: none
ALTER TABLE settings ALTER COLUMN key SET DEFAULT 0;

-- case: drop-not-null/keyword-key
-- expect: none
ALTER TABLE settings ALTER COLUMN key DROP NOT NULL;

-- case: drop-column/keyword-key
-- expect: drop-column
ALTER TABLE settings DROP COLUMN key;

-- case: drop-column-if-exists/keyword-key
-- expect: drop-column
ALTER TABLE settings DROP COLUMN IF EXISTS key CASCADE;

-- case: rename-column/keyword-key
-- expect: rename-column
ALTER TABLE settings RENAME COLUMN key TO legacy_value;

-- case: rename-table/keyword-key
-- expect: rename-table
ALTER TABLE settings RENAME TO archived_rows;

-- case: foreign-key/keyword-key
-- expect: constraint-without-not-valid
ALTER TABLE settings ADD CONSTRAINT fk_ref FOREIGN KEY (key) REFERENCES customers (id);

-- case: foreign-key-not-valid/keyword-key
-- expect: none
ALTER TABLE settings ADD CONSTRAINT fk_ref FOREIGN KEY (key) REFERENCES customers (id) NOT VALID;

-- case: check/keyword-key
-- expect: constraint-without-not-valid
ALTER TABLE settings ADD CONSTRAINT positive CHECK (key > 0);

-- case: check-not-valid/keyword-key
-- expect: none
ALTER TABLE settings ADD CONSTRAINT positive CHECK (key > 0) NOT VALID;

-- case: validate/keyword-key
-- expect: none
ALTER TABLE settings VALIDATE CONSTRAINT positive;

-- case: index/keyword-key
-- expect: index-without-concurrently
CREATE INDEX settings_key_idx ON settings (key);

-- case: index-concurrently/keyword-key
-- expect: none
CREATE INDEX CONCURRENTLY settings_key_idx ON settings (key);

-- case: unique-index-if-not-exists/keyword-key
-- expect: index-without-concurrently
CREATE UNIQUE INDEX IF NOT EXISTS settings_key_idx ON settings (key);

-- case: drop-table/keyword-key
-- expect: drop-table
DROP TABLE settings;

-- case: drop-table-cascade/keyword-key
-- expect: drop-table
DROP TABLE IF EXISTS settings CASCADE;

-- case: truncate/keyword-key
-- expect: truncate
TRUNCATE TABLE settings;

-- case: truncate-cascade/keyword-key
-- expect: truncate
TRUNCATE settings CASCADE;

-- case: update-all/keyword-key
-- expect: update-without-where
UPDATE settings SET key = 0;

-- case: update-where/keyword-key
-- expect: none
UPDATE settings SET key = 0 WHERE id = 1;

-- case: delete-all/keyword-key
-- expect: delete-without-where
DELETE FROM settings;

-- case: delete-where/keyword-key
-- expect: none
DELETE FROM settings WHERE id < 100;

-- case: insert-values/keyword-key
-- expect: none
INSERT INTO settings (id) VALUES (1);

-- case: add-not-null/keyword-errors
-- expect: add-column-not-null-without-default
ALTER TABLE job_runs ADD COLUMN added INT NOT NULL;

-- case: add-not-null-default/keyword-errors
-- expect: none
ALTER TABLE job_runs ADD COLUMN added INT NOT NULL DEFAULT 0;

-- case: add-nullable/keyword-errors
-- expect: none
ALTER TABLE job_runs
  ADD COLUMN added TEXT;

-- case: add-if-not-exists/keyword-errors
-- expect: none
ALTER TABLE IF EXISTS job_runs ADD COLUMN IF NOT EXISTS added INT;

-- case: add-volatile-default/keyword-errors
-- expect: add-column-volatile-default
ALTER TABLE job_runs ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- case: add-constant-default/keyword-errors
-- expect: none
ALTER TABLE job_runs ADD COLUMN created_at TIMESTAMPTZ DEFAULT '2024-01-01';

-- case: add-generated/keyword-errors
-- expect: none
ALTER TABLE job_runs ADD COLUMN doubled INT GENERATED ALWAYS AS (id * 2) STORED;

-- case: type-change/keyword-errors
-- expect: column-type-change
ALTER TABLE job_runs ALTER COLUMN errors TYPE BIGINT;

-- case: set-data-type/keyword-errors
-- expect: column-type-change
ALTER TABLE job_runs ALTER COLUMN errors SET DATA TYPE NUMERIC(12, 2);

-- case: set-not-null/keyword-errors
-- expect: set-not-null
ALTER TABLE job_runs ALTER COLUMN errors SET NOT NULL;

-- case: set-default/keyword-errors
-- expect: none
ALTER TABLE job_runs ALTER COLUMN errors SET DEFAULT 0;

-- case: drop-not-null/keyword-errors
-- expect: none
ALTER TABLE job_runs ALTER COLUMN errors DROP NOT NULL;

-- case: drop-column/keyword-errors
-- expect: drop-column
ALTER TABLE job_runs DROP COLUMN errors;

-- case: drop-column-if-exists/keyword-errors
-- expect: drop-column
ALTER TABLE job_runs DROP COLUMN IF EXISTS errors CASCADE;

-- case: rename-column/keyword-errors
-- expect: rename-column
ALTER TABLE job_runs RENAME COLUMN errors TO legacy_value;

-- case: rename-table/keyword-errors
-- expect: rename-table
ALTER TABLE job_runs RENAME TO archived_rows;

-- case: foreign-key/keyword-errors
-- expect: constraint-without-not-valid
ALTER TABLE job_runs ADD CONSTRAINT fk_ref FOREIGN KEY (errors) REFERENCES customers (id);

-- case: foreign-key-not-valid/keyword-errors
-- expect: none
ALTER TABLE job_runs ADD CONSTRAINT fk_ref FOREIGN KEY (errors) REFERENCES customers (id) NOT VALID;

-- case: check/keyword-errors
-- expect: constraint-without-not-valid
ALTER TABLE job_runs ADD CONSTRAINT positive CHECK (errors > 0);

-- case: check-not-valid/keyword-errors
-- expect: none
ALTER TABLE job_runs ADD CONSTRAINT positive CHECK (errors > 0) NOT VALID;

-- case: validate/keyword-errors
-- expect: none
ALTER TABLE job_runs VALIDATE CONSTRAINT positive;

-- case: index/keyword-errors
-- expect: index-without-concurrently
CREATE INDEX job_runs_errors_idx ON job_runs (errors);

-- case: index-concurrently/keyword-errors
-- expect: none
CREATE INDEX CONCURRENTLY job_runs_errors_idx ON job_runs (errors);

-- case: unique-index-if-not-exists/keyword-errors
-- expect: index-without-concurrently
CREATE UNIQUE INDEX IF NOT EXISTS job_runs_errors_idx ON job_runs (errors);

-- case: drop-table/keyword-errors
-- expect: drop-table
DROP TABLE job_runs;

-- case: drop-table-cascade/keyword-errors
-- expect: drop-table
DROP TABLE IF EXISTS job_runs CASCADE;

-- case: truncate/keyword-errors
-- expect: truncate
TRUNCATE TABLE job_runs;

-- case: truncate-cascade/keyword-errors
-- expect: truncate
TRUNCATE job_runs CASCADE;

-- case: update-all/keyword-errors
-- expect: update-without-where
UPDATE job_runs SET errors = 0;

-- case: update-where/keyword-errors
-- expect: none
UPDATE job_runs SET errors = 0 WHERE id = 1;

-- case: delete-all/keyword-errors
-- expect: delete-without-where
DELETE FROM job_runs;

-- case: delete-where/keyword-errors
-- expect: none
DELETE FROM job_runs WHERE id < 100;

-- case: insert-values/keyword-errors
-- expect: none
INSERT INTO job_runs (id) VALUES (1);

-- case: add-not-null/keyword-value
-- expect: add-column-not-null-without-default
ALTER TABLE metrics ADD COLUMN added INT NOT NULL;

-- case: add-not-null-default/keyword-value
-- expect: none
ALTER TABLE metrics ADD COLUMN added INT NOT NULL DEFAULT 0;

-- case: add-nullable/keyword-value
-- expect: none
ALTER TABLE metrics
  ADD COLUMN added TEXT;

-- case: add-if-not-exists/keyword-value
-- expect: none
ALTER TABLE IF EXISTS metrics ADD COLUMN IF NOT EXISTS added INT;

-- case: add-volatile-default/keyword-value
-- expect: add-column-volatile-default
ALTER TABLE metrics ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- case: add-constant-default/keyword-value
-- expect: none
ALTER TABLE metrics ADD COLUMN created_at TIMESTAMPTZ DEFAULT '2024-01-01';

-- case: add-generated/keyword-value
-- expect: none
ALTER TABLE metrics ADD COLUMN doubled INT GENERATED ALWAYS AS (id * 2) STORED;

-- case: type-change/keyword-value
-- expect: column-type-change
ALTER TABLE metrics ALTER COLUMN value TYPE BIGINT;

-- case: set-data-type/keyword-value
-- expect: column-type-change
ALTER TABLE metrics ALTER COLUMN value SET DATA TYPE NUMERIC(12, 2);

-- case: set-not-null/keyword-value
-- expect: set-not-null
ALTER TABLE metrics ALTER COLUMN value SET NOT NULL;

-- case: set-default/keyword-value
-- expect: none
ALTER TABLE metrics ALTER COLUMN value SET DEFAULT 0;

-- case: drop-not-null/keyword-value
-- expect: none
ALTER TABLE metrics ALTER COLUMN value DROP NOT NULL;

-- case: drop-column/keyword-value
-- expect: drop-column
ALTER TABLE metrics DROP COLUMN value;

-- case: drop-column-if-exists/keyword-value
-- expect: drop-column
ALTER TABLE metrics DROP COLUMN IF EXISTS value CASCADE;

-- case: rename-column/keyword-value
-- expect: rename-column
ALTER TABLE metrics RENAME COLUMN value TO legacy_value;

-- case: rename-table/keyword-value
-- expect: rename-table
ALTER TABLE metrics RENAME TO archived_rows;

-- case: foreign-key/keyword-value
-- expect: constraint-without-not-valid
ALTER TABLE metrics ADD CONSTRAINT fk_ref FOREIGN KEY (value) REFERENCES customers (id);

-- case: foreign-key-not-valid/keyword-value
-- expect: none
ALTER TABLE metrics ADD CONSTRAINT fk_ref FOREIGN KEY (value) REFERENCES customers (id) NOT VALID;

-- case: check/keyword-value
-- expect: constraint-without-not-valid
ALTER TABLE metrics ADD CONSTRAINT positive CHECK (value > 0);

-- case: check-not-valid/keyword-value
-- expect: none
ALTER TABLE metrics ADD CONSTRAINT positive CHECK (value > 0) NOT VALID;

-- case: validate/keyword-value
-- expect: none
ALTER TABLE metrics VALIDATE CONSTRAINT positive;

-- case: index/keyword-value
-- expect: index-without-concurrently
CREATE INDEX metrics_value_idx ON metrics (value);

-- case: index-concurrently/keyword-value
-- expect: none
CREATE INDEX CONCURRENTLY metrics_value_idx ON metrics (value);

-- case: unique-index-if-not-exists/keyword-value
-- expect: index-without-concurrently
CREATE UNIQUE INDEX IF NOT EXISTS metrics_value_idx ON metrics (value);

-- case: drop-table/keyword-value
-- expect: drop-table
DROP TABLE metrics;

-- case: drop-table-cascade/keyword-value
-- expect: drop-table
DROP TABLE IF EXISTS metrics CASCADE;

-- case: truncate/keyword-value
-- expect: truncate
TRUNCATE TABLE metrics;

-- case: truncate-cascade/keyword-value
-- expect: truncate
TRUNCATE metrics CASCADE;

-- case: update-all/keyword-value
-- expect: update-without-where
UPDATE metrics SET value = 0;

-- case: update-where/keyword-value
-- expect: none
UPDATE metrics SET value = 0 WHERE id = 1;

-- case: delete-all/keyword-value
-- expect: delete-without-where
DELETE FROM metrics;

-- case: delete-where/keyword-value
-- expect: none
DELETE FROM metrics WHERE id < 100;

-- case: insert-values/keyword-value
-- expect: none
INSERT INTO metrics (id) VALUES (1);

-- case: add-not-null/quoted-mixed-case
-- expect: add-column-not-null-without-default
ALTER TABLE "Orders" ADD COLUMN added INT NOT NULL;

-- case: add-not-null-default/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" ADD COLUMN added INT NOT NULL DEFAULT 0;

-- case: add-nullable/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders"
  ADD COLUMN added TEXT;

-- case: add-if-not-exists/quoted-mixed-case
-- expect: none
ALTER TABLE IF EXISTS "Orders" ADD COLUMN IF NOT EXISTS added INT;

-- case: add-volatile-default/quoted-mixed-case
-- expect: add-column-volatile-default
ALTER TABLE "Orders" ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- case: add-constant-default/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" ADD COLUMN created_at TIMESTAMPTZ DEFAULT '2024-01-01';

-- case: add-generated/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" ADD COLUMN doubled INT GENERATED ALWAYS AS (id * 2) STORED;

-- case: type-change/quoted-mixed-case
-- expect: column-type-change
ALTER TABLE "Orders" ALTER COLUMN "Total" TYPE BIGINT;

-- case: set-data-type/quoted-mixed-case
-- expect: column-type-change
ALTER TABLE "Orders" ALTER COLUMN "Total" SET DATA TYPE NUMERIC(12, 2);

-- case: set-not-null/quoted-mixed-case
-- expect: set-not-null
ALTER TABLE "Orders" ALTER COLUMN "Total" SET NOT NULL;

-- case: set-default/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" ALTER COLUMN "Total" SET DEFAULT 0;

-- case: drop-not-null/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" ALTER COLUMN "Total" DROP NOT NULL;

-- case: drop-column/quoted-mixed-case
-- expect: drop-column
ALTER TABLE "Orders" DROP COLUMN "Total";

-- case: drop-column-if-exists/quoted-mixed-case
-- expect: drop-column
ALTER TABLE "Orders" DROP COLUMN IF EXISTS "Total" CASCADE;

-- case: rename-column/quoted-mixed-case
-- expect: rename-column
ALTER TABLE "Orders" RENAME COLUMN "Total" TO legacy_value;

-- case: rename-table/quoted-mixed-case
-- expect: rename-table
ALTER TABLE "Orders" RENAME TO archived_rows;

-- case: foreign-key/quoted-mixed-case
-- expect: constraint-without-not-valid
ALTER TABLE "Orders" ADD CONSTRAINT fk_ref FOREIGN KEY ("CustomerId") REFERENCES customers (id);

-- case: foreign-key-not-valid/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" ADD CONSTRAINT fk_ref FOREIGN KEY ("CustomerId") REFERENCES customers (id) NOT VALID;

-- case: check/quoted-mixed-case
-- expect: constraint-without-not-valid
ALTER TABLE "Orders" ADD CONSTRAINT positive CHECK ("Total" > 0);

-- case: check-not-valid/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" ADD CONSTRAINT positive CHECK ("Total" > 0) NOT VALID;

-- case: validate/quoted-mixed-case
-- expect: none
ALTER TABLE "Orders" VALIDATE CONSTRAINT positive;

-- case: index/quoted-mixed-case
-- expect: index-without-concurrently
CREATE INDEX "Orders_Total_idx" ON "Orders" ("Total");

-- case: index-concurrently/quoted-mixed-case
-- expect: none
CREATE INDEX CONCURRENTLY "Orders_Total_idx" ON "Orders" ("Total");

-- case: unique-index-if-not-exists/quoted-mixed-case
-- expect: index-without-concurrently
CREATE UNIQUE INDEX IF NOT EXISTS "Orders_Total_idx" ON "Orders" ("Total");

-- case: drop-table/quoted-mixed-case
-- expect: drop-table
DROP TABLE "Orders";

-- case: drop-table-cascade/quoted-mixed-case
-- expect: drop-table
DROP TABLE IF EXISTS "Orders" CASCADE;

-- case: truncate/quoted-mixed-case
-- expect: truncate
TRUNCATE TABLE "Orders";

-- case: truncate-cascade/quoted-mixed-case
-- expect: truncate
TRUNCATE "Orders" CASCADE;

-- case: update-all/quoted-mixed-case
-- expect: update-without-where
UPDATE "Orders" SET "Total" = 0;

-- case: update-where/quoted-mixed-case
-- expect: none
UPDATE "Orders" SET "Total" = 0 WHERE id = 1;

-- case: delete-all/quoted-mixed-case
-- expect: delete-without-where
DELETE FROM "Orders";

-- case: delete-where/quoted-mixed-case
-- expect: none
DELETE FROM "Orders" WHERE id < 100;

-- case: insert-values/quoted-mixed-case
-- expect: none
INSERT INTO "Orders" (id) VALUES (1);

-- case: add-not-null/schema-qualified
-- expect: add-column-not-null-without-default
ALTER TABLE app.invoices ADD COLUMN added INT NOT NULL;

-- case: add-not-null-default/schema-qualified
-- expect: none
ALTER TABLE app.invoices ADD COLUMN added INT NOT NULL DEFAULT 0;

-- case: add-nullable/schema-qualified
-- expect: none
ALTER TABLE app.invoices
  ADD COLUMN added TEXT;

-- case: add-if-not-exists/schema-qualified
-- expect: none
ALTER TABLE IF EXISTS app.invoices ADD COLUMN IF NOT EXISTS added INT;

-- case: add-volatile-default/schema-qualified
-- expect: add-column-volatile-default
ALTER TABLE app.invoices ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- case: add-constant-default/schema-qualified
-- expect: none
ALTER TABLE app.invoices ADD COLUMN created_at TIMESTAMPTZ DEFAULT '2024-01-01';

-- case: add-generated/schema-qualified
-- expect: none
ALTER TABLE app.invoices ADD COLUMN doubled INT GENERATED ALWAYS AS (id * 2) STORED;

-- case: type-change/schema-qualified
-- expect: column-type-change
ALTER TABLE app.invoices ALTER COLUMN amount TYPE BIGINT;

-- case: set-data-type/schema-qualified
-- expect: column-type-change
ALTER TABLE app.invoices ALTER COLUMN amount SET DATA TYPE NUMERIC(12, 2);

-- case: set-not-null/schema-qualified
-- expect: set-not-null
ALTER TABLE app.invoices ALTER COLUMN amount SET NOT NULL;

-- case: set-default/schema-qualified
-- expect: none
ALTER TABLE app.invoices ALTER COLUMN amount SET DEFAULT 0;

-- case: drop-not-null/schema-qualified
-- expect: none
ALTER TABLE app.invoices ALTER COLUMN amount DROP NOT NULL;

-- case: drop-column/schema-qualified
-- expect: drop-column
ALTER TABLE app.invoices DROP COLUMN amount;

-- case: drop-column-if-exists/schema-qualified
-- expect: drop-column
ALTER TABLE app.invoices DROP COLUMN IF EXISTS amount CASCADE;

-- case: rename-column/schema-qualified
-- expect: rename-column
ALTER TABLE app.invoices RENAME COLUMN amount TO legacy_value;

-- case: rename-table/schema-qualified
-- expect: rename-table
ALTER TABLE app.invoices RENAME TO archived_rows;

-- case: foreign-key/schema-qualified
-- expect: constraint-without-not-valid
ALTER TABLE app.invoices ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: foreign-key-not-valid/schema-qualified
-- expect: none
ALTER TABLE app.invoices ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

-- case: check/schema-qualified
-- expect: constraint-without-not-valid
ALTER TABLE app.invoices ADD CONSTRAINT positive CHECK (amount > 0);

-- case: check-not-valid/schema-qualified
-- expect: none
ALTER TABLE app.invoices ADD CONSTRAINT positive CHECK (amount > 0) NOT VALID;

-- case: validate/schema-qualified
-- expect: none
ALTER TABLE app.invoices VALIDATE CONSTRAINT positive;

-- case: index/schema-qualified
-- expect: index-without-concurrently
CREATE INDEX invoices_amount_idx ON app.invoices (amount);

-- case: index-concurrently/schema-qualified
-- expect: none
CREATE INDEX CONCURRENTLY invoices_amount_idx ON app.invoices (amount);

-- case: unique-index-if-not-exists/schema-qualified
-- expect: index-without-concurrently
CREATE UNIQUE INDEX IF NOT EXISTS invoices_amount_idx ON app.invoices (amount);

-- case: drop-table/schema-qualified
-- expect: drop-table
DROP TABLE app.invoices;

-- case: drop-table-cascade/schema-qualified
-- expect: drop-table
DROP TABLE IF EXISTS app.invoices CASCADE;

-- case: truncate/schema-qualified
-- expect: truncate
TRUNCATE TABLE app.invoices;

-- case: truncate-cascade/schema-qualified
-- expect: truncate
TRUNCATE app.invoices CASCADE;

-- case: update-all/schema-qualified
-- expect: update-without-where
UPDATE app.invoices SET amount = 0;

-- case: update-where/schema-qualified
-- expect: none
UPDATE app.invoices SET amount = 0 WHERE id = 1;

-- case: delete-all/schema-qualified
-- expect: delete-without-where
DELETE FROM app.invoices;

-- case: delete-where/schema-qualified
-- expect: none
DELETE FROM app.invoices WHERE id < 100;

-- case: insert-values/schema-qualified
-- expect: none
INSERT INTO app.invoices (id) VALUES (1);

-- case: add-not-null/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD COLUMN added INT NOT NULL;

-- case: add-not-null-default/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD COLUMN added INT NOT NULL DEFAULT 0;

-- case: add-nullable/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders
  ADD COLUMN added TEXT;

-- case: add-if-not-exists/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE IF EXISTS orders ADD COLUMN IF NOT EXISTS added INT;

-- case: add-volatile-default/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- case: add-constant-default/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD COLUMN created_at TIMESTAMPTZ DEFAULT '2024-01-01';

-- case: add-generated/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD COLUMN doubled INT GENERATED ALWAYS AS (id * 2) STORED;

-- case: type-change/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ALTER COLUMN total TYPE BIGINT;

-- case: set-data-type/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ALTER COLUMN total SET DATA TYPE NUMERIC(12, 2);

-- case: set-not-null/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;

-- case: set-default/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;

-- case: drop-not-null/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ALTER COLUMN total DROP NOT NULL;

-- case: drop-column/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders DROP COLUMN total;

-- case: drop-column-if-exists/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders DROP COLUMN IF EXISTS total CASCADE;

-- case: rename-column/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders RENAME COLUMN total TO legacy_value;

-- case: rename-table/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders RENAME TO archived_rows;

-- case: foreign-key/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: foreign-key-not-valid/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

-- case: check/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);

-- case: check-not-valid/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;

-- case: validate/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders VALIDATE CONSTRAINT positive;

-- case: index/created-earlier-in-the-plan
-- new: orders
-- expect: none
CREATE INDEX orders_total_idx ON orders (total);

-- case: index-concurrently/created-earlier-in-the-plan
-- new: orders
-- expect: none
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);

-- case: unique-index-if-not-exists/created-earlier-in-the-plan
-- new: orders
-- expect: none
CREATE UNIQUE INDEX IF NOT EXISTS orders_total_idx ON orders (total);

-- case: drop-table/created-earlier-in-the-plan
-- new: orders
-- expect: none
DROP TABLE orders;

-- case: drop-table-cascade/created-earlier-in-the-plan
-- new: orders
-- expect: none
DROP TABLE IF EXISTS orders CASCADE;

-- case: truncate/created-earlier-in-the-plan
-- new: orders
-- expect: none
TRUNCATE TABLE orders;

-- case: truncate-cascade/created-earlier-in-the-plan
-- new: orders
-- expect: none
TRUNCATE orders CASCADE;

-- case: update-all/created-earlier-in-the-plan
-- new: orders
-- expect: none
UPDATE orders SET total = 0;

-- case: update-where/created-earlier-in-the-plan
-- new: orders
-- expect: none
UPDATE orders SET total = 0 WHERE id = 1;

-- case: delete-all/created-earlier-in-the-plan
-- new: orders
-- expect: none
DELETE FROM orders;

-- case: delete-where/created-earlier-in-the-plan
-- new: orders
-- expect: none
DELETE FROM orders WHERE id < 100;

-- case: insert-values/created-earlier-in-the-plan
-- new: orders
-- expect: none
INSERT INTO orders (id) VALUES (1);
