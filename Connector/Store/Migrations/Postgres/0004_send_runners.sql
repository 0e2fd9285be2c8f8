-- PostgreSQL twin of ../0004_send_runners.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- COLLATE NOCASE index keys are lower(…): a query that wants such an index compares lower(column).
-- Several send runners on one store file (issue 4, item 5). A runner reserves due rows for itself (owner = its id) in
-- one transaction, marks each row 'sending' right before handing it to SMTP, and keeps a lease in send_runners alive
-- while it runs. Only rows whose owner's lease has expired (or that have no owner) are taken over: reserved rows go back
-- to the queue (they never reached SMTP), 'sending' rows are failed as "outcome unknown" and never resent.
ALTER TABLE send_ledger ADD COLUMN owner TEXT NULL;
-- The sending domain (From domain) a row was reserved for: the warm-up budget is counted per sending domain.
ALTER TABLE send_ledger ADD COLUMN sender_domain TEXT NULL;
-- What kind of mail the row is (Campaign, Scenario, Transactional): transactional mail is exempt from the frequency cap.
ALTER TABLE send_ledger ADD COLUMN kind TEXT NOT NULL DEFAULT 'Campaign';

CREATE TABLE send_runners (
    runner_id     TEXT PRIMARY KEY,
    started_at    TEXT NOT NULL,
    heartbeat_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);

CREATE INDEX ix_send_ledger_owner ON send_ledger(owner) WHERE owner IS NOT NULL;
CREATE INDEX ix_send_ledger_sender ON send_ledger(sender_domain, state, updated_at);

-- Suppressions match whatever the case (Anna@Example.org is anna@example.org for every mailbox provider that matters).
CREATE INDEX ix_suppressions_nocase ON suppressions(lower(address));
