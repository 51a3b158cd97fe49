-- Hand-written MySQL and MariaDB shapes: routines, dynamic SQL, comments and renames.

-- case: hash-comment-then-drop
-- expect: drop-column, mysql-alter-without-algorithm
# the old flag is gone in 4.2
ALTER TABLE q DROP COLUMN v;

-- case: delimiter-procedure
-- expect: none
DELIMITER //
CREATE PROCEDURE bump()
BEGIN
  UPDATE counters SET n = n + 1;
  DELETE FROM counters;
END //
DELIMITER ;

-- case: prepare-execute
-- EXECUTE runs SQL the lint cannot see: reported, as PREPARE and DEALLOCATE are.
-- expect: not-analysed, not-analysed, not-analysed
SET @s = 'ALTER TABLE orders ADD COLUMN note TEXT';
PREPARE stmt FROM @s;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;

-- case: created-then-renamed
-- expect: none
CREATE TABLE accounts_base (id INT, nm TEXT);
RENAME TABLE accounts_base TO accounts;
ALTER TABLE accounts CHANGE nm name TEXT;
CREATE INDEX accounts_name ON accounts (name(20));

-- case: keyword-columns-in-a-new-table
-- expect: none
CREATE TABLE `options` (`key` VARCHAR(64) NOT NULL PRIMARY KEY, `value` TEXT, `order` INT);
ALTER TABLE `options` ADD COLUMN `desc` TEXT NOT NULL;

-- case: primary-key-change
-- expect: mysql-alter-without-algorithm
# a composite key
ALTER TABLE memberships DROP PRIMARY KEY, ADD PRIMARY KEY (user_id, group_id);

-- case: block-comment-header
-- expect: delete-without-where
/* Clean up before 2.0 */
DELETE FROM sessions;

-- case: inline-comments
-- expect: mysql-alter-without-algorithm
ALTER TABLE orders -- the table
  ADD COLUMN note TEXT; # trailing

-- case: generated-column-instant
-- expect: none
ALTER TABLE orders ADD COLUMN total_cents INT AS (total * 100) VIRTUAL, ALGORITHM=INSTANT;

-- case: partition-by-range-new-table
-- expect: none
CREATE TABLE logs (id BIGINT, at DATE) PARTITION BY RANGE (YEAR(at)) (PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE);

-- case: truncate-and-update
-- expect: truncate, update-without-where
TRUNCATE TABLE cache;
UPDATE users SET active = 1;

-- case: string-with-semicolon-and-hash
-- expect: none
INSERT INTO notes (body) VALUES ('a; b # not a comment');
