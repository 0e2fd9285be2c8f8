-- PostgreSQL twin of ../0022_send_ledger_stored_letters_holds.sql (the why is there). PostgreSQL alters a CHECK in
-- place and adds a column, so the ledger is not rebuilt; its indexes from 0007 and 0013 stay, and the one new index is
-- added: the same columns, CHECK and indexes as SQLite's rebuild.
ALTER TABLE send_ledger DROP CONSTRAINT send_ledger_state_check;
ALTER TABLE send_ledger ADD CONSTRAINT send_ledger_state_check
    CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'suppressed', 'expired', 'unknown', 'held', 'cancelled'));
ALTER TABLE send_ledger ADD COLUMN stored_letter BIGINT NOT NULL DEFAULT 0;
UPDATE send_ledger l SET stored_letter = 1 WHERE EXISTS (SELECT 1 FROM queued_letters q WHERE q.ledger_id = l.id);
CREATE INDEX ix_send_ledger_due_stored ON send_ledger(next_attempt_at) WHERE state IN ('queued', 'deferred') AND stored_letter = 1;
