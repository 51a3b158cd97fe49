INSERT INTO statement_log (note) VALUES ('before repeatables');
