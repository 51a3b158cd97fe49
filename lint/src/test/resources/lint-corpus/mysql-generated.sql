-- The lint's labelled corpus for MySQL and MariaDB, read as MariaDB; as postgresql.sql.

-- case: add-column/plain
-- expect: mysql-alter-without-algorithm
ALTER TABLE orders ADD COLUMN added INT NOT NULL;

-- case: add-column-instant/plain
-- expect: none
ALTER TABLE orders ADD COLUMN added INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT;

-- case: modify/plain
-- expect: mysql-alter-without-algorithm
ALTER TABLE orders MODIFY total BIGINT NOT NULL;

-- case: modify-copy/plain
-- expect: none
ALTER TABLE orders MODIFY total BIGINT NOT NULL, ALGORITHM=COPY;

-- case: drop-column/plain
-- expect: drop-column, mysql-alter-without-algorithm
ALTER TABLE orders DROP COLUMN total;

-- case: drop-column-inplace/plain
-- expect: drop-column
ALTER TABLE orders DROP COLUMN total, ALGORITHM=INPLACE, LOCK=NONE;

-- case: rename-column/plain
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE orders RENAME COLUMN total TO legacy_value;

-- case: change-renames/plain
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE orders CHANGE total legacy_value BIGINT;

-- case: drop-foreign-key/plain
-- expect: mysql-alter-without-algorithm
ALTER TABLE orders DROP FOREIGN KEY fk_ref;

-- case: add-foreign-key/plain
-- expect: mysql-alter-without-algorithm
ALTER TABLE orders ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: add-index/plain
-- expect: mysql-alter-without-algorithm
ALTER TABLE orders ADD INDEX by_value (total);

-- case: add-index-inplace/plain
-- expect: none
ALTER TABLE orders ADD INDEX by_value (total), ALGORITHM=INPLACE, LOCK=NONE;

-- case: create-index/plain
-- expect: mysql-alter-without-algorithm
CREATE INDEX by_value ON orders (total);

-- case: create-index-inplace/plain
-- expect: none
CREATE INDEX by_value ON orders (total) ALGORITHM=INPLACE LOCK=NONE;

-- case: rename-table/plain
-- expect: rename-table
RENAME TABLE orders TO archived_rows;

-- case: alter-rename-table/plain
-- expect: rename-table
ALTER TABLE orders RENAME TO archived_rows;

-- case: drop-table/plain
-- expect: drop-table
DROP TABLE IF EXISTS orders;

-- case: truncate/plain
-- expect: truncate
TRUNCATE TABLE orders;

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
DELETE FROM orders WHERE id = 1;

-- case: add-column/keyword-key
-- expect: mysql-alter-without-algorithm
ALTER TABLE settings ADD COLUMN added INT NOT NULL;

-- case: add-column-instant/keyword-key
-- expect: none
ALTER TABLE settings ADD COLUMN added INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT;

-- case: modify/keyword-key
-- expect: mysql-alter-without-algorithm
ALTER TABLE settings MODIFY `key` BIGINT NOT NULL;

-- case: modify-copy/keyword-key
-- expect: none
ALTER TABLE settings MODIFY `key` BIGINT NOT NULL, ALGORITHM=COPY;

-- case: drop-column/keyword-key
-- expect: drop-column, mysql-alter-without-algorithm
ALTER TABLE settings DROP COLUMN `key`;

-- case: drop-column-inplace/keyword-key
-- expect: drop-column
ALTER TABLE settings DROP COLUMN `key`, ALGORITHM=INPLACE, LOCK=NONE;

-- case: rename-column/keyword-key
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE settings RENAME COLUMN `key` TO legacy_value;

-- case: change-renames/keyword-key
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE settings CHANGE `key` legacy_value BIGINT;

-- case: drop-foreign-key/keyword-key
-- expect: mysql-alter-without-algorithm
ALTER TABLE settings DROP FOREIGN KEY fk_ref;

-- case: add-foreign-key/keyword-key
-- expect: mysql-alter-without-algorithm
ALTER TABLE settings ADD CONSTRAINT fk_ref FOREIGN KEY (`key`) REFERENCES customers (id);

-- case: add-index/keyword-key
-- expect: mysql-alter-without-algorithm
ALTER TABLE settings ADD INDEX by_value (`key`);

-- case: add-index-inplace/keyword-key
-- expect: none
ALTER TABLE settings ADD INDEX by_value (`key`), ALGORITHM=INPLACE, LOCK=NONE;

-- case: create-index/keyword-key
-- expect: mysql-alter-without-algorithm
CREATE INDEX by_value ON settings (`key`);

-- case: create-index-inplace/keyword-key
-- expect: none
CREATE INDEX by_value ON settings (`key`) ALGORITHM=INPLACE LOCK=NONE;

-- case: rename-table/keyword-key
-- expect: rename-table
RENAME TABLE settings TO archived_rows;

-- case: alter-rename-table/keyword-key
-- expect: rename-table
ALTER TABLE settings RENAME TO archived_rows;

-- case: drop-table/keyword-key
-- expect: drop-table
DROP TABLE IF EXISTS settings;

-- case: truncate/keyword-key
-- expect: truncate
TRUNCATE TABLE settings;

-- case: update-all/keyword-key
-- expect: update-without-where
UPDATE settings SET `key` = 0;

-- case: update-where/keyword-key
-- expect: none
UPDATE settings SET `key` = 0 WHERE id = 1;

-- case: delete-all/keyword-key
-- expect: delete-without-where
DELETE FROM settings;

-- case: delete-where/keyword-key
-- expect: none
DELETE FROM settings WHERE id = 1;

-- case: add-column/keyword-status
-- expect: mysql-alter-without-algorithm
ALTER TABLE jobs ADD COLUMN added INT NOT NULL;

-- case: add-column-instant/keyword-status
-- expect: none
ALTER TABLE jobs ADD COLUMN added INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT;

-- case: modify/keyword-status
-- expect: mysql-alter-without-algorithm
ALTER TABLE jobs MODIFY status BIGINT NOT NULL;

-- case: modify-copy/keyword-status
-- expect: none
ALTER TABLE jobs MODIFY status BIGINT NOT NULL, ALGORITHM=COPY;

-- case: drop-column/keyword-status
-- expect: drop-column, mysql-alter-without-algorithm
ALTER TABLE jobs DROP COLUMN status;

-- case: drop-column-inplace/keyword-status
-- expect: drop-column
ALTER TABLE jobs DROP COLUMN status, ALGORITHM=INPLACE, LOCK=NONE;

-- case: rename-column/keyword-status
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE jobs RENAME COLUMN status TO legacy_value;

-- case: change-renames/keyword-status
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE jobs CHANGE status legacy_value BIGINT;

-- case: drop-foreign-key/keyword-status
-- expect: mysql-alter-without-algorithm
ALTER TABLE jobs DROP FOREIGN KEY fk_ref;

-- case: add-foreign-key/keyword-status
-- expect: mysql-alter-without-algorithm
ALTER TABLE jobs ADD CONSTRAINT fk_ref FOREIGN KEY (status) REFERENCES customers (id);

-- case: add-index/keyword-status
-- expect: mysql-alter-without-algorithm
ALTER TABLE jobs ADD INDEX by_value (status);

-- case: add-index-inplace/keyword-status
-- expect: none
ALTER TABLE jobs ADD INDEX by_value (status), ALGORITHM=INPLACE, LOCK=NONE;

-- case: create-index/keyword-status
-- expect: mysql-alter-without-algorithm
CREATE INDEX by_value ON jobs (status);

-- case: create-index-inplace/keyword-status
-- expect: none
CREATE INDEX by_value ON jobs (status) ALGORITHM=INPLACE LOCK=NONE;

-- case: rename-table/keyword-status
-- expect: rename-table
RENAME TABLE jobs TO archived_rows;

-- case: alter-rename-table/keyword-status
-- expect: rename-table
ALTER TABLE jobs RENAME TO archived_rows;

-- case: drop-table/keyword-status
-- expect: drop-table
DROP TABLE IF EXISTS jobs;

-- case: truncate/keyword-status
-- expect: truncate
TRUNCATE TABLE jobs;

-- case: update-all/keyword-status
-- expect: update-without-where
UPDATE jobs SET status = 0;

-- case: update-where/keyword-status
-- expect: none
UPDATE jobs SET status = 0 WHERE id = 1;

-- case: delete-all/keyword-status
-- expect: delete-without-where
DELETE FROM jobs;

-- case: delete-where/keyword-status
-- expect: none
DELETE FROM jobs WHERE id = 1;

-- case: add-column/backticked-mixed-case
-- expect: mysql-alter-without-algorithm
ALTER TABLE `Orders` ADD COLUMN added INT NOT NULL;

-- case: add-column-instant/backticked-mixed-case
-- expect: none
ALTER TABLE `Orders` ADD COLUMN added INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT;

-- case: modify/backticked-mixed-case
-- expect: mysql-alter-without-algorithm
ALTER TABLE `Orders` MODIFY `Total` BIGINT NOT NULL;

-- case: modify-copy/backticked-mixed-case
-- expect: none
ALTER TABLE `Orders` MODIFY `Total` BIGINT NOT NULL, ALGORITHM=COPY;

-- case: drop-column/backticked-mixed-case
-- expect: drop-column, mysql-alter-without-algorithm
ALTER TABLE `Orders` DROP COLUMN `Total`;

-- case: drop-column-inplace/backticked-mixed-case
-- expect: drop-column
ALTER TABLE `Orders` DROP COLUMN `Total`, ALGORITHM=INPLACE, LOCK=NONE;

-- case: rename-column/backticked-mixed-case
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE `Orders` RENAME COLUMN `Total` TO legacy_value;

-- case: change-renames/backticked-mixed-case
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE `Orders` CHANGE `Total` legacy_value BIGINT;

-- case: drop-foreign-key/backticked-mixed-case
-- expect: mysql-alter-without-algorithm
ALTER TABLE `Orders` DROP FOREIGN KEY fk_ref;

-- case: add-foreign-key/backticked-mixed-case
-- expect: mysql-alter-without-algorithm
ALTER TABLE `Orders` ADD CONSTRAINT fk_ref FOREIGN KEY (`CustomerId`) REFERENCES customers (id);

-- case: add-index/backticked-mixed-case
-- expect: mysql-alter-without-algorithm
ALTER TABLE `Orders` ADD INDEX by_value (`Total`);

-- case: add-index-inplace/backticked-mixed-case
-- expect: none
ALTER TABLE `Orders` ADD INDEX by_value (`Total`), ALGORITHM=INPLACE, LOCK=NONE;

-- case: create-index/backticked-mixed-case
-- expect: mysql-alter-without-algorithm
CREATE INDEX by_value ON `Orders` (`Total`);

-- case: create-index-inplace/backticked-mixed-case
-- expect: none
CREATE INDEX by_value ON `Orders` (`Total`) ALGORITHM=INPLACE LOCK=NONE;

-- case: rename-table/backticked-mixed-case
-- expect: rename-table
RENAME TABLE `Orders` TO archived_rows;

-- case: alter-rename-table/backticked-mixed-case
-- expect: rename-table
ALTER TABLE `Orders` RENAME TO archived_rows;

-- case: drop-table/backticked-mixed-case
-- expect: drop-table
DROP TABLE IF EXISTS `Orders`;

-- case: truncate/backticked-mixed-case
-- expect: truncate
TRUNCATE TABLE `Orders`;

-- case: update-all/backticked-mixed-case
-- expect: update-without-where
UPDATE `Orders` SET `Total` = 0;

-- case: update-where/backticked-mixed-case
-- expect: none
UPDATE `Orders` SET `Total` = 0 WHERE id = 1;

-- case: delete-all/backticked-mixed-case
-- expect: delete-without-where
DELETE FROM `Orders`;

-- case: delete-where/backticked-mixed-case
-- expect: none
DELETE FROM `Orders` WHERE id = 1;

-- case: add-column/database-qualified
-- expect: mysql-alter-without-algorithm
ALTER TABLE app.invoices ADD COLUMN added INT NOT NULL;

-- case: add-column-instant/database-qualified
-- expect: none
ALTER TABLE app.invoices ADD COLUMN added INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT;

-- case: modify/database-qualified
-- expect: mysql-alter-without-algorithm
ALTER TABLE app.invoices MODIFY amount BIGINT NOT NULL;

-- case: modify-copy/database-qualified
-- expect: none
ALTER TABLE app.invoices MODIFY amount BIGINT NOT NULL, ALGORITHM=COPY;

-- case: drop-column/database-qualified
-- expect: drop-column, mysql-alter-without-algorithm
ALTER TABLE app.invoices DROP COLUMN amount;

-- case: drop-column-inplace/database-qualified
-- expect: drop-column
ALTER TABLE app.invoices DROP COLUMN amount, ALGORITHM=INPLACE, LOCK=NONE;

-- case: rename-column/database-qualified
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE app.invoices RENAME COLUMN amount TO legacy_value;

-- case: change-renames/database-qualified
-- expect: mysql-alter-without-algorithm, rename-column
ALTER TABLE app.invoices CHANGE amount legacy_value BIGINT;

-- case: drop-foreign-key/database-qualified
-- expect: mysql-alter-without-algorithm
ALTER TABLE app.invoices DROP FOREIGN KEY fk_ref;

-- case: add-foreign-key/database-qualified
-- expect: mysql-alter-without-algorithm
ALTER TABLE app.invoices ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: add-index/database-qualified
-- expect: mysql-alter-without-algorithm
ALTER TABLE app.invoices ADD INDEX by_value (amount);

-- case: add-index-inplace/database-qualified
-- expect: none
ALTER TABLE app.invoices ADD INDEX by_value (amount), ALGORITHM=INPLACE, LOCK=NONE;

-- case: create-index/database-qualified
-- expect: mysql-alter-without-algorithm
CREATE INDEX by_value ON app.invoices (amount);

-- case: create-index-inplace/database-qualified
-- expect: none
CREATE INDEX by_value ON app.invoices (amount) ALGORITHM=INPLACE LOCK=NONE;

-- case: rename-table/database-qualified
-- expect: rename-table
RENAME TABLE app.invoices TO archived_rows;

-- case: alter-rename-table/database-qualified
-- expect: rename-table
ALTER TABLE app.invoices RENAME TO archived_rows;

-- case: drop-table/database-qualified
-- expect: drop-table
DROP TABLE IF EXISTS app.invoices;

-- case: truncate/database-qualified
-- expect: truncate
TRUNCATE TABLE app.invoices;

-- case: update-all/database-qualified
-- expect: update-without-where
UPDATE app.invoices SET amount = 0;

-- case: update-where/database-qualified
-- expect: none
UPDATE app.invoices SET amount = 0 WHERE id = 1;

-- case: delete-all/database-qualified
-- expect: delete-without-where
DELETE FROM app.invoices;

-- case: delete-where/database-qualified
-- expect: none
DELETE FROM app.invoices WHERE id = 1;

-- case: add-column/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD COLUMN added INT NOT NULL;

-- case: add-column-instant/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD COLUMN added INT NOT NULL DEFAULT 0, ALGORITHM=INSTANT;

-- case: modify/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders MODIFY total BIGINT NOT NULL;

-- case: modify-copy/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders MODIFY total BIGINT NOT NULL, ALGORITHM=COPY;

-- case: drop-column/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders DROP COLUMN total;

-- case: drop-column-inplace/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders DROP COLUMN total, ALGORITHM=INPLACE, LOCK=NONE;

-- case: rename-column/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders RENAME COLUMN total TO legacy_value;

-- case: change-renames/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders CHANGE total legacy_value BIGINT;

-- case: drop-foreign-key/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders DROP FOREIGN KEY fk_ref;

-- case: add-foreign-key/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD CONSTRAINT fk_ref FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: add-index/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD INDEX by_value (total);

-- case: add-index-inplace/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders ADD INDEX by_value (total), ALGORITHM=INPLACE, LOCK=NONE;

-- case: create-index/created-earlier-in-the-plan
-- new: orders
-- expect: none
CREATE INDEX by_value ON orders (total);

-- case: create-index-inplace/created-earlier-in-the-plan
-- new: orders
-- expect: none
CREATE INDEX by_value ON orders (total) ALGORITHM=INPLACE LOCK=NONE;

-- case: rename-table/created-earlier-in-the-plan
-- new: orders
-- expect: none
RENAME TABLE orders TO archived_rows;

-- case: alter-rename-table/created-earlier-in-the-plan
-- new: orders
-- expect: none
ALTER TABLE orders RENAME TO archived_rows;

-- case: drop-table/created-earlier-in-the-plan
-- new: orders
-- expect: none
DROP TABLE IF EXISTS orders;

-- case: truncate/created-earlier-in-the-plan
-- new: orders
-- expect: none
TRUNCATE TABLE orders;

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
DELETE FROM orders WHERE id = 1;
