CREATE TABLE message_reactions (
    message_id VARCHAR(36) NOT NULL REFERENCES messages (id),
    user_id    BIGINT      NOT NULL REFERENCES users (id),
    emoji      VARCHAR(32) NOT NULL,
    reacted_at TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (message_id, user_id, emoji)
);

CREATE INDEX idx_message_reactions_message ON message_reactions (message_id);
