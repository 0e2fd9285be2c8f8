-- Scenarios (issue 10), written by the Scenarios slice only. A scenario is a name per portal with a state and its
-- trigger cursors; each import of a file with that name adds a version (immutable: the file as imported and its
-- canonical JSON). An enrollment is one deal or contact in one scenario, pinned to the version it entered on; its
-- entry key (per scenario and subject) makes entering idempotent. Due steps are rows (one per active enrollment) with
-- due_at, claimed by a lease, so "wait 2 days" is data, never a timer. Instants are UTC ISO-8601 text.
CREATE TABLE scenarios (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id        INTEGER NOT NULL REFERENCES portals(id),
    name             TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('active', 'paused', 'stopped')),
    state_reason     TEXT NULL,
    current_version  INTEGER NOT NULL,
    -- Trigger cursors: stage_transitions.id (AUTOINCREMENT, never reused) and the rowid of deals/contacts (new rows
    -- only; the mirror soft-deletes and never VACUUMs), so a move or a creation found late is read exactly once.
    transition_cursor  INTEGER NOT NULL DEFAULT 0,
    deal_cursor        INTEGER NOT NULL DEFAULT 0,
    contact_cursor     INTEGER NOT NULL DEFAULT 0,
    skipped_late     INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (portal_id, name)
);

CREATE TABLE scenario_versions (
    scenario_id  INTEGER NOT NULL REFERENCES scenarios(id),
    version      INTEGER NOT NULL,
    source       TEXT NOT NULL,
    definition   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (scenario_id, version)
);

-- subject: the deal (deal triggers) or the contact (contact triggers); contact_id is who is mailed (a deal's first
-- contact). entry_key: 'once' for once-per-subject scenarios, else the trigger's row ('t:42' transition, 'd:7' deal
-- row, 'c:9' contact row). entered_at is when the trigger happened (for at_most_once_per).
CREATE TABLE scenario_enrollments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id   INTEGER NOT NULL REFERENCES scenarios(id),
    version       INTEGER NOT NULL,
    portal_id     INTEGER NOT NULL,
    subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('deal', 'contact')),
    subject_id    INTEGER NOT NULL,
    contact_id    INTEGER NULL,
    deal_id       INTEGER NULL,
    entry_key     TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('active', 'completed', 'exited')),
    exit_reason   TEXT NULL,
    step          TEXT NULL,
    entered_at    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (scenario_id, subject_kind, subject_id, entry_key)
);
CREATE INDEX ix_scenario_enrollments_subject ON scenario_enrollments(scenario_id, subject_kind, subject_id, entered_at);
CREATE INDEX ix_scenario_enrollments_state ON scenario_enrollments(scenario_id, state);

-- The next step of each active enrollment; lease_until set while a dispatcher works on it.
CREATE TABLE scenario_due (
    enrollment_id  INTEGER PRIMARY KEY REFERENCES scenario_enrollments(id),
    scenario_id    INTEGER NOT NULL,
    step           TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    lease_holder   TEXT NULL,
    lease_until    TEXT NULL
);
CREATE INDEX ix_scenario_due_at ON scenario_due(due_at);

-- What each send step enqueued (its send key step:{step}:enrollment:{id} and the ledger row), or why it was refused;
-- conditions on opens and clicks join engagement_hits on ledger_id.
CREATE TABLE scenario_sends (
    enrollment_id  INTEGER NOT NULL REFERENCES scenario_enrollments(id),
    step           TEXT NOT NULL,
    send_key       TEXT NOT NULL,
    ledger_id      INTEGER NULL,
    refused        TEXT NULL,
    at             TEXT NOT NULL,
    PRIMARY KEY (enrollment_id, step)
);
CREATE INDEX ix_scenario_sends_ledger ON scenario_sends(ledger_id) WHERE ledger_id IS NOT NULL;
