-- Issue 10, item 6: scheduled campaigns (Connector/Campaigns/Broadcasts), run by serve's CampaignJob; the one writer of
-- these tables is CampaignStore. A campaign's letters go through Sending's ISendQueue (send key
-- 'scheduled-campaign:ID', one ledger row per recipient), so suppression, validation and the frequency cap apply and
-- serve's runner sends them.
-- * campaigns: what was asked (template, the segment expression frozen at create, schedule, window, expiry, mode)
--   and where it stands: state (scheduled → running → completed | paused | cancelled) and phase
--   (pending → test | waves → rest → done), next_step_at for the job, the A/B verdict as JSON.
-- * campaign_variants: A/B or bandit variants (a subject, a sender, a template), in the order given.
-- * campaign_recipients: the audience resolved at launch, in a fixed pseudo-random order (position), with the variant
--   each got and its ledger row once queued (null = not queued yet; refused = why the queue refused it).
-- * queued_letters.subject, from_address, from_name: a letter's own subject (a variant's, rendered with the letter's
--   data) and sender (on the sending domain; checked at create and again at compose).
ALTER TABLE queued_letters ADD COLUMN subject TEXT NULL;
ALTER TABLE queued_letters ADD COLUMN from_address TEXT NULL;
ALTER TABLE queued_letters ADD COLUMN from_name TEXT NULL;
CREATE TABLE campaigns (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id            INTEGER NOT NULL REFERENCES portals(id),
    name                 TEXT NOT NULL,
    template_name        TEXT NOT NULL,
    segment_name         TEXT NULL,
    segment_expression   TEXT NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('scheduled', 'running', 'paused', 'completed', 'cancelled')),
    phase                TEXT NOT NULL DEFAULT 'pending' CHECK (phase IN ('pending', 'test', 'waves', 'rest', 'done')),
    launch_at            TEXT NOT NULL,
    local_at             TEXT NULL,
    window_start         TEXT NULL,
    window_end           TEXT NULL,
    local_time           INTEGER NOT NULL DEFAULT 0,
    expire_after_seconds INTEGER NULL,
    mode                 TEXT NOT NULL CHECK (mode IN ('single', 'ab', 'bandit')),
    winner_by            TEXT NOT NULL DEFAULT 'opens' CHECK (winner_by IN ('opens', 'clicks')),
    test_share           INTEGER NULL,
    test_wait_seconds    INTEGER NULL,
    wave_share           INTEGER NULL,
    wave_every_seconds   INTEGER NULL,
    send_time_optimised  INTEGER NOT NULL DEFAULT 0,
    next_step_at         TEXT NULL,
    audience             INTEGER NULL,
    winner               TEXT NULL,
    verdict              TEXT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX ix_campaigns_due ON campaigns(next_step_at) WHERE state IN ('scheduled', 'running');
CREATE TABLE campaign_variants (
    campaign_id    INTEGER NOT NULL REFERENCES campaigns(id),
    name           TEXT NOT NULL,
    position       INTEGER NOT NULL,
    template_name  TEXT NULL,
    subject        TEXT NULL,
    from_address   TEXT NULL,
    from_name      TEXT NULL,
    PRIMARY KEY (campaign_id, name)
);
CREATE TABLE campaign_recipients (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
    position     INTEGER NOT NULL,
    contact_id   INTEGER NOT NULL,
    variant      TEXT NULL,
    ledger_id    INTEGER NULL,
    refused      TEXT NULL,
    PRIMARY KEY (campaign_id, position),
    UNIQUE (campaign_id, contact_id)
);
