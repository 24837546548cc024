-- An agent who leaves the shop is deactivated, not deleted: their name stays on the conversations
-- they handled, but they can no longer log in and their sessions are gone.
ALTER TABLE agents ADD COLUMN active SMALLINT NOT NULL DEFAULT 1;
