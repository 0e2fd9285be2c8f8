-- PostgreSQL twin of ../0027_users_and_card_indexes.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- The card tabs (issue 11): the portal's users as user.get answers them (pages of 50), so a card shows the responsible
-- user's name, never an id; written by the Sync slice's user pass only. And the enrollments of one deal or one contact
-- read by the tab without scanning every scenario's enrollments.
CREATE TABLE users (
    portal_id    BIGINT NOT NULL REFERENCES portals(id),
    crm_id       BIGINT NOT NULL,
    name         TEXT NULL,
    last_name    TEXT NULL,
    second_name  TEXT NULL,
    email        TEXT NULL,
    active       BIGINT NOT NULL,
    synced_at    TEXT NOT NULL,
    PRIMARY KEY (portal_id, crm_id)
);

CREATE INDEX ix_scenario_enrollments_deal ON scenario_enrollments(portal_id, deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX ix_scenario_enrollments_contact ON scenario_enrollments(portal_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX ix_scenario_enrollments_record ON scenario_enrollments(portal_id, subject_kind, subject_id);
