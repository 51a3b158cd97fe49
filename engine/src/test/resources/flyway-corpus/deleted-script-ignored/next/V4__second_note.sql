INSERT INTO notes (id, body) VALUES (2, 'second');
