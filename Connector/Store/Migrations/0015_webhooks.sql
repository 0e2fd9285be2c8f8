-- Outgoing webhooks (issue 9, item 6, first bullet), owned by Connector/Webhooks. One writer: WebhookStore.
-- The producer follows the results tables (0008) and the ledger by id, as the timeline write-back does (0012), with its
-- own cursors and watch list; each page's deliveries and its cursor move in one transaction.

-- A subscriber of one portal: where to POST, which event types (comma-separated: sent, opened, clicked, unsubscribed,
-- bounced, complained), the signing secret (kept: it signs every delivery; never printed after `webhooks add`).
-- failing_since: when the oldest event it failed to take since its last success was queued; 24 hours of that disables it.
CREATE TABLE webhook_subscribers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id        INTEGER NOT NULL,
    url              TEXT NOT NULL,
    events           TEXT NOT NULL,
    secret           TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('active', 'disabled')),
    failing_since    TEXT NULL,
    disabled_at      TEXT NULL,
    disabled_reason  TEXT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_webhook_subscribers_portal ON webhook_subscribers(portal_id, state);

-- One row per (subscriber, event): event_id is the webhook-id (stable across retries), body the exact JSON sent.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    subscriber_id    INTEGER NOT NULL,
    event_id         TEXT NOT NULL,
    type             TEXT NOT NULL CHECK (type IN ('sent', 'opened', 'clicked', 'unsubscribed', 'bounced', 'complained')),
    body             TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (subscriber_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries(next_attempt_at) WHERE state = 'pending';

-- One row per HTTP attempt: the status code (null when no response), a short error, when.
CREATE TABLE webhook_attempts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id    INTEGER NOT NULL,
    subscriber_id  INTEGER NOT NULL,
    status_code    INTEGER NULL,
    error          TEXT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX ix_webhook_attempts_subscriber ON webhook_attempts(subscriber_id, id);

CREATE TABLE webhook_cursors (
    source      TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Ledger rows seen before their outcome (queued, sending, deferred), read again each pass until settled.
CREATE TABLE webhook_ledger_watch (
    ledger_id  INTEGER PRIMARY KEY
);
