INSERT INTO accounts (id, name) VALUES (1, 'first');
INSERT INTO accounts (id, name) VALUES (2, 'second');
