-- Results (opens, clicks, unsubscribes, bounces, complaints) and what a send key belongs to. These three tables are the
-- contract between the slices that record results (Tracking, Bounces), the one that sends (Campaigns, later Scenarios)
-- and the ones that read them (Timeline write-back, reports, the API). One writer per table:
--   send_keys        Campaigns (and Scenarios): written when a send key's rows are enqueued;
--   engagement_hits  Tracking: one row per 2xx hit of /t/o, /t/c, /t/u;
--   bounce_events    Bounces: one row per recipient of a DSN, ARF report or relay notice.
-- Readers follow them by id (AUTOINCREMENT ids only grow), so a reader keeps a cursor and never misses a row.
-- Later migrations of the owning slice may add columns and tables; these columns keep their meaning.

-- What a send key is: the portal whose contacts its rows address (null for a recipients file that is not from the
-- mirror), the name shown on the CRM timeline (campaign or scenario name), the kind, and the deal it belongs to
-- (send-campaign --deal; a scenario step's enrollment on a deal).
CREATE TABLE send_keys (
    send_key    TEXT PRIMARY KEY,
    portal_id   INTEGER NULL REFERENCES portals(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('Campaign', 'Scenario', 'Transactional')),
    deal_id     INTEGER NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_send_keys_deal ON send_keys(portal_id, deal_id) WHERE deal_id IS NOT NULL;

-- One row per tracking hit. ledger_id is send_ledger.id (the message: the token's SendId), contact_id the token's
-- RecipientId. Machine hits (privacy proxies, scanners, hits seconds after delivery) are kept and flagged, not dropped.
CREATE TABLE engagement_hits (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ledger_id       INTEGER NOT NULL,
    contact_id      INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe')),
    url             TEXT NULL,
    at              TEXT NOT NULL,
    machine         INTEGER NOT NULL CHECK (machine IN (0, 1)),
    machine_reason  TEXT NULL,
    agent_class     TEXT NULL
);
CREATE INDEX ix_engagement_hits_ledger ON engagement_hits(ledger_id, kind);
CREATE INDEX ix_engagement_hits_contact ON engagement_hits(contact_id);

-- One row per bounced or complaining recipient. ledger_id is the matched message (VERP token, then
-- Original-Envelope-Id), null when nothing matched. status is the enhanced status code (5.1.1), detail the
-- diagnostic text (capped). kind: hard (5.1.x, 5.2.1), soft (4.x.x), policy (5.7.x, 4.7.x; never a suppression),
-- complaint (ARF). Auto-replies are not bounces: counted by the fetch, not stored here.
CREATE TABLE bounce_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ledger_id   INTEGER NULL,
    recipient   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'policy', 'complaint')),
    status      TEXT NULL,
    detail      TEXT NULL,
    source      TEXT NOT NULL CHECK (source IN ('imap', 'pop3', 'hook')),
    source_id   TEXT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX ix_bounce_events_ledger ON bounce_events(ledger_id) WHERE ledger_id IS NOT NULL;
CREATE INDEX ix_bounce_events_recipient ON bounce_events(recipient COLLATE NOCASE, id);
