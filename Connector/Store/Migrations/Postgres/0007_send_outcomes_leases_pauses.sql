-- PostgreSQL twin of ../0007_send_outcomes_leases_pauses.sql (the why is there). PostgreSQL alters a CHECK in place,
-- so the ledger keeps its table, rows and indexes instead of being rebuilt; the result is the same columns, CHECK and
-- indexes as SQLite's rebuild.
ALTER TABLE send_ledger DROP CONSTRAINT send_ledger_state_check;
ALTER TABLE send_ledger ADD CONSTRAINT send_ledger_state_check
    CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'suppressed', 'expired', 'unknown'));

ALTER TABLE send_runners ADD COLUMN host TEXT NULL;
ALTER TABLE send_runners ADD COLUMN pid BIGINT NULL;

CREATE TABLE send_pauses (
    domain        TEXT PRIMARY KEY,
    paused_until  TEXT NOT NULL,
    detail        TEXT NULL,
    created_at    TEXT NOT NULL
);
