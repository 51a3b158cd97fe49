INSERT INTO runs (id, what) VALUES (1, 'after migrate');
