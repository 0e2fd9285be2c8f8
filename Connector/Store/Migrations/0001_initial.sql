-- The CRM mirror. Instants are UTC ISO-8601 text (yyyy-MM-ddTHH:mm:ss.fffffffZ), so they sort as text.
CREATE TABLE portals (
    id          INTEGER PRIMARY KEY,
    portal_key  TEXT NOT NULL UNIQUE,
    member_id   TEXT NULL,
    domain      TEXT NOT NULL,
    auth_mode   TEXT NOT NULL,
    plan        TEXT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE contacts (
    portal_id       INTEGER NOT NULL REFERENCES portals(id),
    crm_id          INTEGER NOT NULL,
    name            TEXT NULL,
    second_name     TEXT NULL,
    last_name       TEXT NULL,
    assigned_by_id  INTEGER NULL,
    export          INTEGER NULL,
    created_at      TEXT NULL,
    modified_at     TEXT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    deleted_at      TEXT NULL,
    synced_at       TEXT NOT NULL,
    seen_pass       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portal_id, crm_id)
);

CREATE TABLE contact_emails (
    portal_id       INTEGER NOT NULL,
    contact_id      INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    raw_value       TEXT NOT NULL,
    address         TEXT NOT NULL,
    value_type      TEXT NULL,
    is_valid        INTEGER NOT NULL,
    invalid_reason  TEXT NULL,
    PRIMARY KEY (portal_id, contact_id, position),
    FOREIGN KEY (portal_id, contact_id) REFERENCES contacts(portal_id, crm_id)
);
CREATE INDEX ix_contact_emails_address ON contact_emails(portal_id, address);

CREATE TABLE pipelines (
    portal_id   INTEGER NOT NULL REFERENCES portals(id),
    crm_id      INTEGER NOT NULL,
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL,
    is_default  INTEGER NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portal_id, crm_id)
);

CREATE TABLE stages (
    portal_id    INTEGER NOT NULL REFERENCES portals(id),
    stage_id     TEXT NOT NULL,
    pipeline_id  INTEGER NOT NULL,
    name         TEXT NOT NULL,
    sort         INTEGER NOT NULL,
    semantic     TEXT NOT NULL CHECK (semantic IN ('P', 'S', 'F')),
    color        TEXT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portal_id, stage_id)
);

CREATE TABLE deals (
    portal_id       INTEGER NOT NULL REFERENCES portals(id),
    crm_id          INTEGER NOT NULL,
    title           TEXT NULL,
    stage_id        TEXT NOT NULL,
    pipeline_id     INTEGER NOT NULL,
    stage_semantic  TEXT NULL,
    amount          TEXT NULL,
    currency        TEXT NULL,
    assigned_by_id  INTEGER NULL,
    created_at      TEXT NULL,
    modified_at     TEXT NULL,
    moved_at        TEXT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    deleted_at      TEXT NULL,
    synced_at       TEXT NOT NULL,
    seen_pass       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portal_id, crm_id)
);

CREATE TABLE deal_contacts (
    portal_id   INTEGER NOT NULL,
    deal_id     INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (portal_id, deal_id, contact_id),
    FOREIGN KEY (portal_id, deal_id) REFERENCES deals(portal_id, crm_id)
);
CREATE INDEX ix_deal_contacts_contact ON deal_contacts(portal_id, contact_id);

CREATE TABLE stage_transitions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id      INTEGER NOT NULL REFERENCES portals(id),
    deal_id        INTEGER NOT NULL,
    from_stage     TEXT NULL,
    to_stage       TEXT NOT NULL,
    from_pipeline  INTEGER NULL,
    to_pipeline    INTEGER NOT NULL,
    occurred_at    TEXT NOT NULL,
    detected_at    TEXT NOT NULL,
    detected_by    TEXT NOT NULL CHECK (detected_by IN ('event', 'poll', 'history')),
    history_id     INTEGER NULL
);
CREATE UNIQUE INDEX ux_stage_transitions_history ON stage_transitions(portal_id, history_id) WHERE history_id IS NOT NULL;
CREATE INDEX ix_stage_transitions_deal ON stage_transitions(portal_id, deal_id, occurred_at);

CREATE TABLE sync_cursors (
    portal_id   INTEGER NOT NULL REFERENCES portals(id),
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (portal_id, name)
);

CREATE TABLE sync_leases (
    portal_id   INTEGER PRIMARY KEY REFERENCES portals(id),
    holder      TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE sync_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id    INTEGER NOT NULL REFERENCES portals(id),
    kind         TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NULL,
    status       TEXT NOT NULL,
    contacts     INTEGER NOT NULL DEFAULT 0,
    deals        INTEGER NOT NULL DEFAULT 0,
    transitions  INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    requests     INTEGER NOT NULL DEFAULT 0,
    error        TEXT NULL
);
