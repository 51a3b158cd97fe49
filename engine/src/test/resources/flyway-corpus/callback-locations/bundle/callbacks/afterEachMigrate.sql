INSERT INTO runs (id, what) VALUES (2, 'after each');
