-- People who take over conversations, and their logins. Only hashes of passwords and session tokens are kept.
CREATE TABLE agents (
    id            VARCHAR(40)  PRIMARY KEY,
    email         VARCHAR(320) NOT NULL UNIQUE,
    name          VARCHAR(200) NOT NULL,
    languages     VARCHAR(200) NOT NULL,
    capacity      INTEGER      NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE agent_sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    agent_id   VARCHAR(40) NOT NULL REFERENCES agents (id),
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);
