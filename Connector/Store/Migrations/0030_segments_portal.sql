-- Issue 11 (the app's Segments page): a saved segment belongs to the portal whose page saved it. portal_id NULL is a
-- segment saved by the CLI (crm-esp segment save): the operator's, read by every portal, changed only by the CLI.
-- Names stay unique in the installation (the primary key is still name + version); a page lists, uses, renames and
-- deletes only its own portal's segments and the operator's (read-only). Written by the Segments slice only.
ALTER TABLE segments ADD COLUMN portal_id INTEGER NULL REFERENCES portals(id);
CREATE INDEX ix_segments_portal ON segments(portal_id, name);
