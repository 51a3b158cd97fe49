CREATE TABLE IF NOT EXISTS migration_audit (note VARCHAR(100));
