-- Events one node relays to the others that are too large for a PostgreSQL NOTIFY payload
-- (8000 bytes): the notification carries the row's id. Rows are deleted after some minutes.
-- Unused with the embedded SQLite database (one node).
CREATE TABLE node_events (
    id         VARCHAR(40) PRIMARY KEY,
    payload    TEXT        NOT NULL,
    created_at BIGINT      NOT NULL
);

CREATE INDEX node_events_created ON node_events (created_at);
