-- PostgreSQL twin of ../0020_segments.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- COLLATE NOCASE columns are citext (case-insensitive =, UNIQUE and LIKE, as NOCASE is); NOCASE index keys are lower(…).
CREATE EXTENSION IF NOT EXISTS citext;
-- Segments (issue 10, item 5). Written by the Segments slice only.
-- * segments: saved segment expressions, versioned: a save adds version n+1 (the text is validated whole first, so
--   only expressions that parsed and compiled are here); a reference (segment "vip") reads the newest version.
-- * indexes for the compiled conditions: a deal condition starts from the portal's deals in a stage or pipeline,
--   an engagement window from the hits of one kind since a moment, an address condition from the bounces or
--   suppressions of one kind (or one list's unsubscribes) into the portal's addresses, case-insensitively. Each adds one index write per row to its writer
--   (Sync for deals, Tracking for hits), which the write paths' measurements did not notice.
CREATE TABLE segments (
    name        CITEXT NOT NULL,
    version     BIGINT NOT NULL,
    expression  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE INDEX ix_deals_stage ON deals(portal_id, stage_id);
CREATE INDEX ix_deals_pipeline ON deals(portal_id, pipeline_id);
CREATE INDEX ix_engagement_hits_kind_at ON engagement_hits(kind, at);
CREATE INDEX ix_contact_emails_nocase ON contact_emails(portal_id, lower(address));
CREATE INDEX ix_bounce_events_kind ON bounce_events(kind, lower(recipient));
CREATE INDEX ix_suppressions_reason ON suppressions(reason, lower(address));
CREATE INDEX ix_list_unsubscribes_list ON list_unsubscribes(list_key, address);
