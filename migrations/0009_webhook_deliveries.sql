-- Webhooks are delivered through the same outbox as mail: one delivery row per (alert, webhook
-- endpoint) beside one per (alert, address), with the same claim / sending / sent / retry / dead
-- states and the same re-send cap. `channel` says which transport sends a row; for a webhook
-- row `email` holds the endpoint's reference (its URL, or "$NAME" for a URL read from the
-- environment variable NAME: a secret URL is never stored) and `message_id` its Idempotency-Key,
-- fixed at the first claim and the same on every retry and after a restart.
ALTER TABLE deliveries ADD COLUMN channel TEXT NOT NULL DEFAULT 'mail' CHECK (channel IN ('mail', 'webhook'));
