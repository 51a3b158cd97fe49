INSERT INTO cities (name) VALUES ('Zürich'), ('København'), ('São Paulo');
