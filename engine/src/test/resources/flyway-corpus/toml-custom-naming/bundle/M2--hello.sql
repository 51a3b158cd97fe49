INSERT INTO greetings (id, text) VALUES (1, 'hello ${audience}');
