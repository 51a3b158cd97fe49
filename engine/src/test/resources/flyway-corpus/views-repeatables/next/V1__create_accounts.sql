-- Accounts and their owners.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email VARCHAR(200) NOT NULL,
  created_at DATE
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);
INSERT INTO accounts (id, email) VALUES (1, 'ada@example.org'), (2, 'alan@example.org');
