-- The send ledger: one row per (send key, recipient), written by Sending only. A send key names a campaign
-- ('campaign:42') or a scenario step and enrollment ('step:7:enrollment:99'). The UNIQUE constraint is what makes a
-- message go to a recipient at most once per key: a second enqueue is a no-op, and only a row that is claimed
-- (queued/deferred -> sending, committed before SMTP) is ever sent. Instants are UTC ISO-8601 text.
CREATE TABLE send_ledger (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    send_key         TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    contact_id       INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'suppressed', 'expired')),
    due_at           TEXT NOT NULL,
    expires_at       TEXT NULL,
    next_attempt_at  TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    message_id       TEXT NULL,
    reply_code       INTEGER NULL,
    detail           TEXT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (send_key, recipient)
);
CREATE INDEX ix_send_ledger_ready ON send_ledger(state, next_attempt_at);
-- Frequency cap: what a contact was sent recently, across every key.
CREATE INDEX ix_send_ledger_contact ON send_ledger(contact_id, state, updated_at);
-- Warm-up budget: what left today.
CREATE INDEX ix_send_ledger_sent ON send_ledger(state, updated_at);

-- Addresses never mailed again (marketing): unsubscribed, hard-bounced, complained, manual blacklist. Kept forever.
CREATE TABLE suppressions (
    address     TEXT PRIMARY KEY,
    reason      TEXT NOT NULL CHECK (reason IN ('unsubscribed', 'hard_bounce', 'complaint', 'manual')),
    source      TEXT NULL,
    created_at  TEXT NOT NULL
);

-- Templates as rows (the JSON a template file holds); a version is immutable once saved, and only valid ones are saved.
CREATE TABLE templates (
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (name, version)
);
