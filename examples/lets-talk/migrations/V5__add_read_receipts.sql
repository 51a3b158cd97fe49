CREATE TABLE message_reads (
    message_id VARCHAR(36) NOT NULL REFERENCES messages (id),
    user_id    BIGINT      NOT NULL REFERENCES users (id),
    read_at    TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (message_id, user_id)
);

-- Expand step: nullable, so pods of the previous release keep writing users.
ALTER TABLE users ADD COLUMN last_seen_at TIMESTAMP NULL;
