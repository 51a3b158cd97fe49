CREATE TABLE user_preferences (
    user_id               BIGINT      NOT NULL PRIMARY KEY REFERENCES users (id),
    theme                 VARCHAR(16) NOT NULL DEFAULT 'system',
    notifications_enabled BOOLEAN     NOT NULL DEFAULT TRUE,
    language              VARCHAR(8)  NOT NULL DEFAULT 'en',
    updated_at            TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Every existing user gets the defaults.
INSERT INTO user_preferences (user_id)
SELECT id FROM users;
