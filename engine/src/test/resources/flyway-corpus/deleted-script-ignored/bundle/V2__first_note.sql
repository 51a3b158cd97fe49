INSERT INTO notes (id) VALUES (1);
