-- Conversations carry client-generated UUIDs, so offline clients can create them.
CREATE TABLE conversations (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    title      VARCHAR(200),
    is_group   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_by BIGINT       NOT NULL REFERENCES users (id),
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE conversation_members (
    conversation_id VARCHAR(36) NOT NULL REFERENCES conversations (id),
    user_id         BIGINT      NOT NULL REFERENCES users (id),
    role            VARCHAR(16) NOT NULL DEFAULT 'member',
    joined_at       TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX idx_conversation_members_user ON conversation_members (user_id);
