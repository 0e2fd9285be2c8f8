-- PostgreSQL twin of ../0025_scenario_scans_steps.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- Scenarios, the rest of issue 10 items 1-2. Written by the Scenarios slice, except portals.time_zone (Sync).
-- * scan_from: scan triggers (deal_idle, date_field, no_won_deal, segment_entered) act on occurrences from this
--   instant on (the import, or a resume after stop); NULL reads as created_at. scan_at: the last pass's instant; a
--   pass looks back from it by max_lateness (+1 day), so what turned up while the connector was down is counted late.
-- * pinned_version: new enrollments start on it instead of current_version (crm-esp scenario pin).
-- * scenario_occurrences: each occurrence a scan trigger found (idle:…, date:…, lapse:…, seg:…), with what came of it
--   (entered, late, re_entry, active), so an occurrence is acted on - or skipped and counted - exactly once.
-- * scenario_segment_members: who matched a segment_entered scenario's segment at the last pass, so entering fires
--   on entry, not on every pass.
-- * scenario_step_outcomes: what a CRM step (move_deal, todo, webhook) did, one row per (enrollment, step): its
--   idempotency key and state (pending while the call is out, done, failed), so a step is never blindly repeated.
-- * portals.time_zone: the portal's own zone (user.current TIME_ZONE, else the offset of server.time), for contacts
--   without one of their own.
ALTER TABLE scenarios ADD COLUMN scan_from TEXT NULL;
ALTER TABLE scenarios ADD COLUMN scan_at TEXT NULL;
ALTER TABLE scenarios ADD COLUMN pinned_version BIGINT NULL;

CREATE TABLE scenario_occurrences (
    scenario_id     BIGINT NOT NULL REFERENCES scenarios(id),
    occurrence_key  TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('entered', 'late', 're_entry', 'active', 'baseline')),
    occurred_at     TEXT NOT NULL,
    found_at        TEXT NOT NULL,
    PRIMARY KEY (scenario_id, occurrence_key)
);

CREATE TABLE scenario_segment_members (
    scenario_id  BIGINT NOT NULL REFERENCES scenarios(id),
    contact_id   BIGINT NOT NULL,
    since        TEXT NOT NULL,
    PRIMARY KEY (scenario_id, contact_id)
);

CREATE TABLE scenario_step_outcomes (
    enrollment_id  BIGINT NOT NULL REFERENCES scenario_enrollments(id),
    step           TEXT NOT NULL,
    step_key       TEXT NOT NULL UNIQUE,
    state          TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    detail         TEXT NULL,
    attempts       BIGINT NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (enrollment_id, step)
);

ALTER TABLE portals ADD COLUMN time_zone TEXT NULL;
