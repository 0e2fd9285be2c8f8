-- PostgreSQL twin of ../0029_template_owners.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- Issue 11 (the app's Templates page): which portal a template name belongs to, and whether the page deleted it.
-- Template names stay global (campaigns, scenarios and the API name templates without a portal), so a name is owned by
-- the first portal that creates it on the page; a template saved by `crm-esp template save` has no owner and is not
-- shown on any portal's page. Deleting on the page hides the name (deleted_at) and keeps its versions, which queued
-- letters and running campaigns still render; the owner may create the name again (a new version).
CREATE TABLE template_owners (
    name        TEXT PRIMARY KEY,
    portal_id   BIGINT NOT NULL REFERENCES portals(id),
    created_at  TEXT NOT NULL,
    deleted_at  TEXT NULL
);
CREATE INDEX ix_template_owners_portal ON template_owners(portal_id, deleted_at);
