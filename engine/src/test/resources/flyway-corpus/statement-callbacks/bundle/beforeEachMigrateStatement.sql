INSERT INTO statement_log (note) VALUES ('before statement');
