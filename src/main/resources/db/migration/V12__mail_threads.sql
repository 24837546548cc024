-- Every email of agents' replies carries a random token in its Message-ID; a shopper's answer names it in
-- In-Reply-To / References, which leads back to the conversation (handoff.EmailReplies). Only its hash is kept,
-- like every other token. The address is the one the email went to: an answer must come from it.
CREATE TABLE mail_threads (
    token_hash      VARCHAR(64)  PRIMARY KEY,
    conversation_id VARCHAR(40)  NOT NULL REFERENCES conversations (id),
    address         VARCHAR(320) NOT NULL,
    created_at      BIGINT       NOT NULL
);

CREATE INDEX mail_threads_conversation ON mail_threads (conversation_id);
