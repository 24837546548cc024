-- Who has a conversation, how it ended, and what the shopper thought of it.
ALTER TABLE conversations ADD COLUMN agent_id VARCHAR(40);
ALTER TABLE conversations ADD COLUMN assigned_at BIGINT;
ALTER TABLE conversations ADD COLUMN first_response_at BIGINT;
ALTER TABLE conversations ADD COLUMN closed_at BIGINT;
ALTER TABLE conversations ADD COLUMN resolution VARCHAR(40);
ALTER TABLE conversations ADD COLUMN resolution_note VARCHAR(2000);
ALTER TABLE conversations ADD COLUMN rating SMALLINT;
ALTER TABLE conversations ADD COLUMN rating_comment VARCHAR(2000);
CREATE INDEX conversations_agent ON conversations (agent_id, state);
