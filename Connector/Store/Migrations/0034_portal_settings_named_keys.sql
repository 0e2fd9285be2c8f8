-- Per-portal settings set in the app's Settings (issue 11, item 2). One writer: PortalSettingsStore
-- (Connector/PortalSettings), called by Web/Settings/Portal. A row's key is the configuration key it overrides for that
-- portal (e.g. Sending:FrequencyCap:PerDay); no row = the configuration applies. Read by Sending's reservation
-- (frequency cap, quiet hours), the letter sources (tracking switches) and Timeline's opt-out watcher. updated_by is
-- the Bitrix24 user id of the admin who set it.
CREATE TABLE portal_settings (
    portal_id   INTEGER NOT NULL REFERENCES portals(id),
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER NOT NULL,
    PRIMARY KEY (portal_id, key)
);

-- Every change of a portal's settings, kept: the key, the value before and after (null = unset, the configuration
-- applies), when and by whom (Bitrix24 user id). Written in the same transaction as portal_settings.
CREATE TABLE portal_setting_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id   INTEGER NOT NULL REFERENCES portals(id),
    key         TEXT NOT NULL,
    old_value   TEXT NULL,
    new_value   TEXT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  INTEGER NOT NULL
);
CREATE INDEX ix_portal_setting_changes_portal ON portal_setting_changes(portal_id, id);

-- Named API keys: the name an admin gives a key at creation in the app (required there, at most 100 characters, unique
-- among the portal's live keys); keys made before, or by `crm-esp apikey create`, have none (shown as "—").
ALTER TABLE api_keys ADD COLUMN name TEXT NULL;
CREATE UNIQUE INDEX ux_api_keys_portal_name ON api_keys(portal_id, name) WHERE name IS NOT NULL AND revoked_at IS NULL;
