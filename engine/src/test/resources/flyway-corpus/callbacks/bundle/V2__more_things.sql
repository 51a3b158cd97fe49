INSERT INTO things (id) VALUES (1), (2);
