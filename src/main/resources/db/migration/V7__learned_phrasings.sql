-- Shoppers' questions an admin decided on: approved ones are learned phrasings of an entry (the bot
-- indexes them beside the editor's example questions), rejected ones are kept so the same pick is not
-- suggested again. The text is the question as masked for the admin page (no e-mail addresses or long
-- numbers). One decision per language, entry and text: unique on the text's SHA-256, because
-- PostgreSQL cannot index a text of up to 2,000 characters of any script itself (a B-tree entry must
-- fit in a third of a page).
CREATE TABLE learned_phrasings (
    id          VARCHAR(40)  PRIMARY KEY,
    language    VARCHAR(35)  NOT NULL,
    entry_id    VARCHAR(200) NOT NULL,
    text        TEXT         NOT NULL,
    text_hash   VARCHAR(64)  NOT NULL,
    approved    SMALLINT     NOT NULL,
    decided_by  VARCHAR(200) NOT NULL,
    decided_at  BIGINT       NOT NULL
);

CREATE UNIQUE INDEX learned_phrasings_key ON learned_phrasings (language, entry_id, text_hash);
