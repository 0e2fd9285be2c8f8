-- Explicit scenario entries (issue 10: the api trigger and the Bitrix24 robot). An enrollment made by a call keeps
-- the call's variables (JSON object, passed to every send of it as vars.*) and the fingerprint of its request, so an
-- Idempotency-Key replayed with another body is told apart; explicit entries are found by (scenario, entry key).
ALTER TABLE scenario_enrollments ADD COLUMN variables TEXT NULL;
ALTER TABLE scenario_enrollments ADD COLUMN request_hash TEXT NULL;
CREATE INDEX ix_scenario_enrollments_entry ON scenario_enrollments(scenario_id, entry_key);

-- Robot calls (Crm/Bitrix24/Automation/Robot writes this table, nothing else does). One row per event_token the portal
-- sent (token_hash is its SHA-256, so a redelivery finds its row; event_token itself is encrypted like the install's
-- tokens); the row is also the outbox of the answer:
--   waiting   enrolled, the send has no result yet
--   due       the answer (status, message_id) is known and not yet sent with bizproc.event.send
--   sending   bizproc.event.send is in flight; found so after its lease, it may have arrived: unknown, never resent
--   answered  the portal said true; unknown: the request may have arrived (timeout) and is not resent; failed: refused
CREATE TABLE robot_calls (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id        INTEGER NOT NULL REFERENCES portals(id),
    token_hash       TEXT NOT NULL UNIQUE,
    event_token      TEXT NOT NULL,
    workflow_id      TEXT NULL,
    code             TEXT NOT NULL,
    deal_id          INTEGER NULL,
    template         TEXT NULL,
    kind             TEXT NULL,
    delay            TEXT NULL,
    enrollment_id    INTEGER NULL,
    answer_state     TEXT NOT NULL CHECK (answer_state IN ('waiting', 'due', 'sending', 'answered', 'unknown', 'failed')),
    status           TEXT NULL,
    message_id       TEXT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    reason           TEXT NULL,
    received_at      TEXT NOT NULL,
    answered_at      TEXT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_robot_calls_state ON robot_calls(answer_state, next_attempt_at);
