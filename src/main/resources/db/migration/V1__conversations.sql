-- Portable SQL: runs on the embedded SQLite file and on PostgreSQL.
-- Times are epoch milliseconds. A message's fields live in `body` (JSON); the columns are what is queried.
CREATE TABLE conversations (
    id                VARCHAR(40)   PRIMARY KEY,
    resume_token_hash VARCHAR(64)   NOT NULL UNIQUE,
    state             VARCHAR(16)   NOT NULL,
    language          VARCHAR(35),
    locale            VARCHAR(35),
    page              VARCHAR(2048),
    handoff_reason    VARCHAR(40),
    waiting_since     BIGINT,
    last_seq          BIGINT        NOT NULL DEFAULT 0,
    created_at        BIGINT        NOT NULL,
    updated_at        BIGINT        NOT NULL
);

CREATE INDEX conversations_waiting ON conversations (state, waiting_since);

CREATE TABLE messages (
    conversation_id VARCHAR(40) NOT NULL REFERENCES conversations (id),
    seq             BIGINT      NOT NULL,
    sender          VARCHAR(10) NOT NULL,
    client_id       VARCHAR(64),
    body            TEXT        NOT NULL,
    created_at      BIGINT      NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- A resent shopper message (same client id) is stored once. NULLs (bot, system) never collide.
CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_id);

CREATE TABLE events (
    id              VARCHAR(40) PRIMARY KEY,
    conversation_id VARCHAR(40) NOT NULL REFERENCES conversations (id),
    type            VARCHAR(40) NOT NULL,
    detail          TEXT        NOT NULL,
    created_at      BIGINT      NOT NULL
);

CREATE INDEX events_conversation ON events (conversation_id, created_at);
