CREATE TABLE #[tableName] (name VARCHAR(50) PRIMARY KEY, setting_value VARCHAR(200));
