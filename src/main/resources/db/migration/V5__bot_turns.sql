-- One row per shopper question the bot decided on: what was asked, in which language, what the bot
-- did and how sure it was, and what the shopper made of it. The insight page and the threshold
-- simulator read this table; conversations and messages stay the record of what was said.
CREATE TABLE bot_turns (
    conversation_id VARCHAR(40)      NOT NULL REFERENCES conversations (id),
    question_seq    BIGINT           NOT NULL,
    question        TEXT             NOT NULL,
    locale_hint     VARCHAR(35),
    language        VARCHAR(35),
    decision        VARCHAR(10)      NOT NULL,
    handoff_reason  VARCHAR(40),
    entry_id        VARCHAR(200),
    confidence      DOUBLE PRECISION,
    answerable      DOUBLE PRECISION,
    choice          DOUBLE PRECISION,
    feedback        SMALLINT,
    chosen_entry    VARCHAR(200),
    created_at      BIGINT           NOT NULL,
    PRIMARY KEY (conversation_id, question_seq)
);

CREATE INDEX bot_turns_created ON bot_turns (created_at);
CREATE INDEX conversations_created ON conversations (created_at);
