CREATE TABLE messages (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    conversation_id VARCHAR(36)   NOT NULL REFERENCES conversations (id),
    sender_id       BIGINT        NOT NULL REFERENCES users (id),
    body            VARCHAR(4000) NOT NULL,
    sent_at         TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    edited_at       TIMESTAMP     NULL
);

-- A conversation's timeline is read newest first.
CREATE INDEX idx_messages_conversation_sent ON messages (conversation_id, sent_at);
