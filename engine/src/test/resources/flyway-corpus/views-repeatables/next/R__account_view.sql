DROP VIEW IF EXISTS account_names;
CREATE VIEW account_names AS SELECT id, email, display_name FROM accounts;
