CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts (id));
CREATE INDEX orders_account ON orders (account_id);
