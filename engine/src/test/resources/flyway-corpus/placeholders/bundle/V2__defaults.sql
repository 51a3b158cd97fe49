-- ${not_a_placeholder} stays as it is: only the hash-bracket syntax is replaced.
INSERT INTO #[tableName] (name, setting_value) VALUES ('log.level', '#[defaultLevel]'), ('raw', '${kept}');
