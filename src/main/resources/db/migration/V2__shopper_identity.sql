-- Who the shopper is, when the shop's page tells us (identify). verified = 1 only when the
-- shop's backend signed it with the shared secret.
ALTER TABLE conversations ADD COLUMN shopper_id VARCHAR(200);
ALTER TABLE conversations ADD COLUMN shopper_email VARCHAR(320);
ALTER TABLE conversations ADD COLUMN shopper_name VARCHAR(200);
ALTER TABLE conversations ADD COLUMN shopper_verified SMALLINT NOT NULL DEFAULT 0;
