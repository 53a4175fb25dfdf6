-- Re-sends capped without losing anything. A delivery (or digest message) killed while it
-- was being handed to the mail server may have reached the recipient; one killed before the
-- message data started cannot have. `data_started_at` is committed the moment DATA starts
-- (cleared at each claim); `reached_attempts` counts the attempts that may have reached the
-- server without a definite answer. After two of them the sender gives the delivery up and
-- the operator gets the alert itself, so a reader gets it through the operator, never a third copy.
ALTER TABLE deliveries ADD COLUMN data_started_at TEXT;
ALTER TABLE deliveries ADD COLUMN reached_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digests ADD COLUMN data_started_at TEXT;
ALTER TABLE digests ADD COLUMN reached_attempts INTEGER NOT NULL DEFAULT 0;
-- The sender drains oldest alert first.
CREATE INDEX deliveries_by_alert_due ON deliveries(status, mode, alert_id);
