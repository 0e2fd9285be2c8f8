-- PostgreSQL twin of ../0009_tracking.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- COLLATE NOCASE columns are citext (case-insensitive =, UNIQUE and LIKE, as NOCASE is); NOCASE index keys are lower(…).
CREATE EXTENSION IF NOT EXISTS citext;
-- Tracking (issue 9, items 1 and 2). Written only by the Tracking slice's hit recorder, in the same transaction as the
-- engagement_hits row they summarise; engagement_hits (0008) keeps its columns' meaning.
-- * engagement_hits.detail: the reason a reader gave on the unsubscribe page (capped), null otherwise;
--   engagement_hits.scope: for an unsubscribe, 'list' (this list only) or 'all' (all marketing: a suppression).
ALTER TABLE engagement_hits ADD COLUMN detail TEXT NULL;
ALTER TABLE engagement_hits ADD COLUMN scope TEXT NULL CHECK (scope IS NULL OR scope IN ('list', 'all'));

-- One row per message (ledger row) with any hit: raw and human counts, first open and first click (raw and human),
-- the last click (the "every link clicked within a second" rule reads it) and when it was unsubscribed.
CREATE TABLE engagement_messages (
    ledger_id             BIGINT PRIMARY KEY,
    contact_id            BIGINT NOT NULL,
    opens                 BIGINT NOT NULL DEFAULT 0,
    human_opens           BIGINT NOT NULL DEFAULT 0,
    first_open_at         TEXT NULL,
    first_human_open_at   TEXT NULL,
    clicks                BIGINT NOT NULL DEFAULT 0,
    human_clicks          BIGINT NOT NULL DEFAULT 0,
    first_click_at        TEXT NULL,
    first_human_click_at  TEXT NULL,
    last_click_at         TEXT NULL,
    last_click_url        TEXT NULL,
    unsubscribed_at       TEXT NULL
);
CREATE INDEX ix_engagement_messages_contact ON engagement_messages(contact_id);

-- Clicks per link of a message.
CREATE TABLE engagement_links (
    ledger_id             BIGINT NOT NULL,
    url                   TEXT NOT NULL,
    clicks                BIGINT NOT NULL DEFAULT 0,
    human_clicks          BIGINT NOT NULL DEFAULT 0,
    first_click_at        TEXT NOT NULL,
    first_human_click_at  TEXT NULL,
    PRIMARY KEY (ledger_id, url)
);

-- "This list only": the address is not mailed again under this list. The list is the one the message carried in its
-- List-Id: its send key's name in send_keys (the template, for a campaign), else the send key itself; the send
-- ledger's reservation settles rows of that list, under any send key, as suppressed.
CREATE TABLE list_unsubscribes (
    address     CITEXT NOT NULL,
    list_key    TEXT NOT NULL,
    ledger_id   BIGINT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (address, list_key)
);
