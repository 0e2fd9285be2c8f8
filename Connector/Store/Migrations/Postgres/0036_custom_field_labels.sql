-- PostgreSQL twin of ../0036_custom_field_labels.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- Custom fields' names as the portal's users gave them (crm.contact.userfield.list and crm.deal.userfield.list with
-- filter LANG: EDIT_FORM_LABEL, else LIST_COLUMN_LABEL), one row per field and language, so the template editor's
-- variable picker and the segment builder show "City" or "Город" beside UF_CRM_CITY. Written by the Sync slice's
-- full pass only (the whole portal's labels replaced in one transaction).
CREATE TABLE custom_field_labels (
    portal_id   BIGINT NOT NULL REFERENCES portals(id),
    owner       TEXT NOT NULL CHECK (owner IN ('contact', 'deal')),
    code        TEXT NOT NULL,
    lang        TEXT NOT NULL,
    type        TEXT NOT NULL,
    label       TEXT NOT NULL,
    synced_at   TEXT NOT NULL,
    PRIMARY KEY (portal_id, owner, code, lang)
);
