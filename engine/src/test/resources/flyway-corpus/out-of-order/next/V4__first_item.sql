INSERT INTO items (id) VALUES (4);
