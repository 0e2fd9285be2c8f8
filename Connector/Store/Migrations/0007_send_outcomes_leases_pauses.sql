-- Issue 8, items 3 and 4.
-- * 'unknown': the connection failed after the end of DATA (or the runner died while a row was 'sending'), so the
--   server may have accepted the message. Never resent for marketing mail (at most once). A CHECK cannot be altered in
--   SQLite, so the ledger is rebuilt with the same columns, rows and indexes. message_id (since 0003) is now written
--   when a row is first handed to SMTP and reused by every later attempt of that row.
-- * send_runners.host/pid: a runner's lease names its host and process, so a runner on the same host whose process is
--   gone is taken over at once instead of after the lease.
-- * send_pauses: recipient domains paused after a policy block (5.7.x), kept across runs and processes.
CREATE TABLE send_ledger_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    send_key         TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    contact_id       INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'suppressed', 'expired', 'unknown')),
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
    UNIQUE (send_key, recipient)
);
INSERT INTO send_ledger_new (id, send_key, recipient, contact_id, state, due_at, expires_at, next_attempt_at, attempts, message_id,
                             reply_code, detail, created_at, updated_at, owner, sender_domain, kind)
SELECT id, send_key, recipient, contact_id, state, due_at, expires_at, next_attempt_at, attempts, message_id,
       reply_code, detail, created_at, updated_at, owner, sender_domain, kind
FROM send_ledger;
DROP TABLE send_ledger;
ALTER TABLE send_ledger_new RENAME TO send_ledger;
CREATE INDEX ix_send_ledger_ready ON send_ledger(state, next_attempt_at);
CREATE INDEX ix_send_ledger_contact ON send_ledger(contact_id);
CREATE INDEX ix_send_ledger_owner ON send_ledger(owner) WHERE owner IS NOT NULL;
CREATE INDEX ix_send_ledger_sender ON send_ledger(sender_domain, state, updated_at);

ALTER TABLE send_runners ADD COLUMN host TEXT NULL;
ALTER TABLE send_runners ADD COLUMN pid INTEGER NULL;

CREATE TABLE send_pauses (
    domain        TEXT PRIMARY KEY,
    paused_until  TEXT NOT NULL,
    detail        TEXT NULL,
    created_at    TEXT NOT NULL
);
