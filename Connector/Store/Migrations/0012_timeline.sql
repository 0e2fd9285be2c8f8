-- Timeline write-back (issue 9, items 4 and 5), owned by Connector/Timeline. One writer: TimelineOutboxStore.
-- Producers follow the results tables (0008) and the ledger, and write outbox rows in the same transaction as their
-- cursor; the dispatcher writes them to the CRM and records the outcome per row.

-- One row per CRM write: a timeline entry on the contact or on the deal, the opt-out field set on the contact, or an
-- automation trigger fired for the deal. dedupe_key makes every fact idempotent: one row per (message, kind, target),
-- whatever the number of pixel hits or re-scans. ledger_id is the message (send_ledger.id).
CREATE TABLE timeline_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key       TEXT NOT NULL UNIQUE,
    portal_id        INTEGER NOT NULL,
    contact_id       INTEGER NOT NULL,
    deal_id          INTEGER NULL,
    ledger_id        INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('sent', 'opened', 'clicked', 'unsubscribed', 'bounce_hard', 'bounce_soft', 'bounce_policy', 'complaint')),
    action           TEXT NOT NULL CHECK (action IN ('log_contact', 'log_deal', 'opt_out', 'trigger')),
    name             TEXT NOT NULL,
    url              TEXT NULL,
    occurred_at      TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'written', 'failed')),
    crm_id           TEXT NULL,
    reason           TEXT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    uncertain        INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
    next_attempt_at  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_timeline_outbox_pending ON timeline_outbox(portal_id, id) WHERE state = 'pending';
CREATE INDEX ix_timeline_outbox_contact ON timeline_outbox(portal_id, contact_id, id);
CREATE INDEX ix_timeline_outbox_deal ON timeline_outbox(portal_id, deal_id, id) WHERE deal_id IS NOT NULL;

-- Where each producer stands: engagement_hits and bounce_events by id; the ledger by id plus a watch list of rows
-- seen before their outcome (queued, sending, deferred), re-checked each pass — outcomes are written out of id order.
CREATE TABLE timeline_cursors (
    source      TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE timeline_ledger_watch (
    ledger_id  INTEGER PRIMARY KEY
);

-- The CRM opt-out field as last seen per contact, and every change of it (suppressed, kept suppressed, or lifted).
CREATE TABLE timeline_optout_seen (
    portal_id   INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    value       INTEGER NOT NULL CHECK (value IN (0, 1)),
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (portal_id, contact_id)
);
CREATE TABLE timeline_optout_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id   INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    value       INTEGER NOT NULL CHECK (value IN (0, 1)),
    outcome     TEXT NOT NULL CHECK (outcome IN ('suppressed', 'kept_suppressed', 'resubscribed')),
    addresses   INTEGER NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX ix_timeline_optout_changes_contact ON timeline_optout_changes(portal_id, contact_id, id);
