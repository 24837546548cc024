-- Agents' replies a shopper has not read are emailed to them (handoff.ReplyMailer).
-- read_seq: the last message the shopper's widget showed them (the widget says so with a `read` frame).
-- mailed_seq: the last message an email has covered (or that was passed over: no address to send to).
ALTER TABLE conversations ADD COLUMN read_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN mailed_seq BIGINT NOT NULL DEFAULT 0;

-- The mailer's round looks for recent agents' messages.
CREATE INDEX messages_sender_created ON messages (sender, created_at);
