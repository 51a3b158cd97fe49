ALTER TABLE accounts ADD COLUMN display_name VARCHAR(100);
UPDATE accounts SET display_name = 'Ada' WHERE id = 1;
