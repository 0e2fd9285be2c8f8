-- PostgreSQL twin of ../0030_segments_portal.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- Issue 11 (the app's Segments page): a saved segment belongs to the portal whose page saved it. portal_id NULL is a
-- segment saved by the CLI (crm-esp segment save): the operator's, read by every portal, changed only by the CLI.
-- Names stay unique in the installation (the primary key is still name + version); a page lists, uses, renames and
-- deletes only its own portal's segments and the operator's (read-only). Written by the Segments slice only.
ALTER TABLE segments ADD COLUMN portal_id BIGINT NULL REFERENCES portals(id);
CREATE INDEX ix_segments_portal ON segments(portal_id, name);
