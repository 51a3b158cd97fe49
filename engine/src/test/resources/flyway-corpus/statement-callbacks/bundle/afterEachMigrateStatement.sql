INSERT INTO statement_log (note) VALUES ('after statement');
