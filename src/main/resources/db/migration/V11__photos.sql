-- Pictures shoppers send (conversation.ConversationService#shopperPhoto), as the server re-encoded them.
-- BYTEA is PostgreSQL's binary type; SQLite keeps the bytes of any column as a BLOB, whatever its declared type.
CREATE TABLE photos (
    id              VARCHAR(40)  PRIMARY KEY,
    conversation_id VARCHAR(40)  NOT NULL REFERENCES conversations (id),
    mime            VARCHAR(20)  NOT NULL,
    width           INTEGER      NOT NULL,
    height          INTEGER      NOT NULL,
    data            BYTEA        NOT NULL,
    created_at      BIGINT       NOT NULL
);

CREATE INDEX photos_conversation ON photos (conversation_id);
