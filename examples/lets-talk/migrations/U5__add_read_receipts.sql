ALTER TABLE users DROP COLUMN last_seen_at;
DROP TABLE message_reads;
