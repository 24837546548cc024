-- Failed logins, kept so that every node counts the same failures (handoff.LoginThrottle). A key is
-- the SHA-256 of "account:<email>" or "address:<client address>": neither is kept in clear. Rows
-- older than the throttling window are deleted as new failures come in.
CREATE TABLE login_failures (
    key_hash  VARCHAR(64) NOT NULL,
    failed_at BIGINT      NOT NULL
);

CREATE INDEX login_failures_key ON login_failures (key_hash, failed_at);
CREATE INDEX login_failures_time ON login_failures (failed_at);
