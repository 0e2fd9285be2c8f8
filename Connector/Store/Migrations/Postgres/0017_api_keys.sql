-- PostgreSQL twin of ../0017_api_keys.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- REST API keys (issue 9, item 6, second bullet), owned by Connector/Api. One writer: ApiKeyStore.
-- A key is shown once (`crm-esp apikey create`); only its SHA-256 hash is kept, found by its short id (the first
-- characters after the `ceb_` prefix) and compared in constant time. The key's portal scopes every API query.
CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    portal_id     BIGINT NOT NULL REFERENCES portals(id),
    hash          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT NULL,
    revoked_at    TEXT NULL
);
CREATE INDEX ix_api_keys_portal ON api_keys(portal_id);
