-- People who chat (SQLite spelling: INTEGER PRIMARY KEY is the row id).
CREATE TABLE users (
    id           INTEGER      PRIMARY KEY AUTOINCREMENT,
    username     VARCHAR(64)  NOT NULL UNIQUE,
    email        VARCHAR(255) NOT NULL UNIQUE,
    display_name VARCHAR(128),
    created_at   TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
