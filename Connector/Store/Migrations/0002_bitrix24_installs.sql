-- Marketplace/local app installs (owned by Crm/Bitrix24) and the raw event inbox.
-- Tokens and the application token are stored encrypted (ASP.NET Core Data Protection), never in clear.
CREATE TABLE bitrix24_installs (
    member_id          TEXT PRIMARY KEY,
    portal_id          INTEGER NOT NULL REFERENCES portals(id),
    domain             TEXT NOT NULL,
    client_endpoint    TEXT NOT NULL,
    server_endpoint    TEXT NULL,
    application_token  TEXT NOT NULL,
    access_token       TEXT NULL,
    refresh_token      TEXT NULL,
    access_expires_at  TEXT NULL,
    refreshed_at       TEXT NULL,
    scope              TEXT NULL,
    plan               TEXT NULL,
    status             TEXT NOT NULL CHECK (status IN ('active', 'needs_reauth', 'uninstalled')),
    status_reason      TEXT NULL,
    installed_at       TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE TABLE event_inbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id    INTEGER NOT NULL REFERENCES portals(id),
    event        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('Contact', 'Deal')),
    change       TEXT NOT NULL CHECK (change IN ('Upsert', 'Delete')),
    entity_id    INTEGER NOT NULL,
    payload      TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    processed_at TEXT NULL,
    error        TEXT NULL
);
CREATE INDEX ix_event_inbox_pending ON event_inbox(portal_id, processed_at, id);
