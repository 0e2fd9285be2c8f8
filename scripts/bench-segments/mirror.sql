-- A synthetic mirror for scripts/bench-segments.sh and Connector.Tests/Segments/SegmentQueryPlanTests: portal 1 with
-- :contacts contacts (one e-mail each; ids 1..:contacts), one deal per 5 contacts over 2 pipelines and 6 stages, 100 send keys a portal,
-- one ledger row and one hit per 2 contacts, hard bounces, suppressions, list unsubscribes; portal 2 as a decoy of 1/10
-- the contacts (ids above). Dates are relative to the moment it is loaded. Run after the migrations; :contacts is replaced by the caller (sed), nothing else is variable.
INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES
    (1, 'bench-1', 'b1.example', 'webhook', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'),
    (2, 'bench-2', 'b2.example', 'webhook', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
INSERT INTO pipelines (portal_id, crm_id, name, sort, is_default) VALUES (1, 0, 'Sales', 0, 1), (1, 1, 'Partners', 1, 0), (2, 0, 'Sales', 0, 1);
INSERT INTO stages (portal_id, stage_id, pipeline_id, name, sort, semantic) VALUES
    (1, 'NEW', 0, 'New', 10, 'P'), (1, 'PREPARATION', 0, 'Proposal', 20, 'P'), (1, 'WON', 0, 'Won', 30, 'S'), (1, 'LOSE', 0, 'Lost', 40, 'F'),
    (1, 'C1:NEW', 1, 'New', 10, 'P'), (1, 'C1:WON', 1, 'Won', 20, 'S'), (2, 'NEW', 0, 'New', 10, 'P');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :contacts + :contacts / 10)
INSERT INTO contacts (portal_id, crm_id, name, last_name, created_at, modified_at, synced_at, custom_fields)
SELECT CASE WHEN i > :contacts THEN 2 ELSE 1 END, i, 'Name' || (i % 500), 'Last' || (i % 97),
       strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now', '-' || (i % 1000) || ' days'), '2026-06-01T00:00:00.0000000Z', '2026-06-15T00:00:00.0000000Z',
       CASE WHEN i % 3 = 0 THEN '{"UF_CRM_CITY":["City' || (i % 50) || '"]}' END
FROM n;
INSERT INTO contact_emails (portal_id, contact_id, position, raw_value, address, is_valid)
SELECT portal_id, crm_id, 0, 'c' || crm_id || '@example.org', 'c' || crm_id || '@example.org', 1 FROM contacts;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :contacts / 5)
INSERT INTO deals (portal_id, crm_id, title, stage_id, pipeline_id, stage_semantic, amount, currency, created_at, synced_at)
SELECT 1, i, 'Deal ' || i,
       CASE i % 6 WHEN 0 THEN 'NEW' WHEN 1 THEN 'PREPARATION' WHEN 2 THEN 'WON' WHEN 3 THEN 'LOSE' WHEN 4 THEN 'C1:NEW' ELSE 'C1:WON' END,
       CASE WHEN i % 6 >= 4 THEN 1 ELSE 0 END,
       CASE i % 6 WHEN 2 THEN 'S' WHEN 3 THEN 'F' WHEN 5 THEN 'S' ELSE 'P' END,
       (i % 100) * 100 || '.00', 'RUB', '2026-01-01T00:00:00.0000000Z', '2026-06-15T00:00:00.0000000Z'
FROM n;
INSERT INTO deal_contacts (portal_id, deal_id, contact_id, position)
SELECT 1, crm_id, crm_id * 5, 0 FROM deals;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
INSERT INTO send_keys (send_key, portal_id, name, kind, created_at)
SELECT 'campaign:bench-' || p.id || '-' || i, p.id, 'Newsletter ' || i, 'Campaign', '2026-01-01T00:00:00.0000000Z' FROM n, portals p;
INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at)
SELECT 'campaign:bench-' || portal_id || '-' || (crm_id % 100), 'c' || crm_id || '@example.org', crm_id, 'sent', '', '', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'
FROM contacts WHERE crm_id % 2 = 0;
INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine)
SELECT id, contact_id, CASE WHEN id % 3 = 0 THEN 'click' ELSE 'open' END,
       strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now', '-' || (id % 365) || ' days'), CASE WHEN id % 7 = 0 THEN 1 ELSE 0 END
FROM send_ledger;
INSERT INTO bounce_events (ledger_id, recipient, kind, source, at)
SELECT id, recipient, CASE WHEN id % 2 = 0 THEN 'hard' ELSE 'soft' END, 'hook', '2026-06-01T00:00:00.0000000Z' FROM send_ledger WHERE id % 50 = 0;
INSERT INTO suppressions (address, reason, created_at)
SELECT recipient, CASE WHEN id % 2 = 0 THEN 'unsubscribed' ELSE 'manual' END, '2026-06-01T00:00:00.0000000Z' FROM send_ledger WHERE id % 40 = 1;
INSERT INTO list_unsubscribes (address, list_key, ledger_id, created_at)
SELECT recipient, 'Newsletter', id, '2026-06-01T00:00:00.0000000Z' FROM send_ledger WHERE id % 60 = 3;
INSERT INTO scenarios (portal_id, name, state, current_version, created_at, updated_at)
SELECT id, 'welcome', 'active', 1, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z' FROM portals;
INSERT INTO scenario_enrollments (scenario_id, version, portal_id, subject_kind, subject_id, contact_id, entry_key, state, step, entered_at, created_at, updated_at)
SELECT s.id, 1, c.portal_id, 'contact', c.crm_id, c.crm_id, 'once', CASE WHEN c.crm_id % 3 = 0 THEN 'completed' ELSE 'active' END, 'welcome',
       '2026-06-01T00:00:00.0000000Z', '2026-06-01T00:00:00.0000000Z', '2026-06-01T00:00:00.0000000Z'
FROM contacts c JOIN scenarios s ON s.portal_id = c.portal_id WHERE c.crm_id % 10 < 3;
