-- Issue 10, item 6 (and a review finding on serve's runner).
-- * stored_letter: 1 when the row carries a queued letter (queued_letters, written in the same transaction as the row by
--   Sending's SendQueue), 0 for a CLI campaign's row (its letter lives in the CLI run's memory). Serve's runner reserves
--   through ix_send_ledger_due_stored, which holds the due rows with a stored letter only: before, it walked the whole
--   due index testing EXISTS queued_letters row by row, so a big CLI backlog made every poll O(backlog).
-- * two states for scheduled campaigns (Connector/Campaigns/Broadcasts): 'held' — a paused campaign's unsent row, in no
--   due index so no runner takes it, put back to 'queued' on resume; 'cancelled' — a cancelled campaign's row that was
--   never handed to SMTP, settled for good. A CHECK cannot be altered in SQLite, so the ledger is rebuilt as in 0007,
--   with the same columns, rows and indexes (no table references send_ledger).
CREATE TABLE send_ledger_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    send_key         TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    contact_id       INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'suppressed', 'expired', 'unknown', 'held', 'cancelled')),
    due_at           TEXT NOT NULL,
    expires_at       TEXT NULL,
    next_attempt_at  TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    message_id       TEXT NULL,
    reply_code       INTEGER NULL,
    detail           TEXT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    owner            TEXT NULL,
    sender_domain    TEXT NULL,
    kind             TEXT NOT NULL DEFAULT 'Campaign',
    stored_letter    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (send_key, recipient)
);
INSERT INTO send_ledger_new (id, send_key, recipient, contact_id, state, due_at, expires_at, next_attempt_at, attempts, message_id,
                             reply_code, detail, created_at, updated_at, owner, sender_domain, kind, stored_letter)
SELECT l.id, l.send_key, l.recipient, l.contact_id, l.state, l.due_at, l.expires_at, l.next_attempt_at, l.attempts, l.message_id,
       l.reply_code, l.detail, l.created_at, l.updated_at, l.owner, l.sender_domain, l.kind,
       EXISTS (SELECT 1 FROM queued_letters q WHERE q.ledger_id = l.id)
FROM send_ledger l;
DROP TABLE send_ledger;
ALTER TABLE send_ledger_new RENAME TO send_ledger;
CREATE INDEX ix_send_ledger_contact ON send_ledger(contact_id);
CREATE INDEX ix_send_ledger_owner ON send_ledger(owner) WHERE owner IS NOT NULL;
CREATE INDEX ix_send_ledger_due ON send_ledger(next_attempt_at) WHERE state IN ('queued', 'deferred');
CREATE INDEX ix_send_ledger_sent_by_domain ON send_ledger(sender_domain, updated_at) WHERE state = 'sent';
CREATE INDEX ix_send_ledger_due_stored ON send_ledger(next_attempt_at) WHERE state IN ('queued', 'deferred') AND stored_letter = 1;
