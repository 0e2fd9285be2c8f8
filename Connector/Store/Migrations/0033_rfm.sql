-- RFM: recency, frequency and monetary value of every contact with a won deal (stage semantics S), recomputed per
-- portal by the Rfm slice's refresh (a job in serve, `crm-esp rfm refresh`, the app's button). One writer: RfmRefresher.
-- Scores are 1..5 by percent rank inside the portal (ties share a score); segment is the named cell of the R×F grid.
CREATE TABLE rfm_scores (
    portal_id     INTEGER NOT NULL REFERENCES portals(id),
    contact_id    INTEGER NOT NULL,
    first_won_at  TEXT NOT NULL,
    last_won_at   TEXT NOT NULL,
    recency_days  INTEGER NOT NULL,
    frequency     INTEGER NOT NULL,
    monetary      REAL NOT NULL,
    r             INTEGER NOT NULL CHECK (r BETWEEN 1 AND 5),
    f             INTEGER NOT NULL CHECK (f BETWEEN 1 AND 5),
    m             INTEGER NOT NULL CHECK (m BETWEEN 1 AND 5),
    segment       TEXT NOT NULL CHECK (segment IN ('champions', 'loyal', 'potential_loyalists', 'new_customers', 'promising',
                                                   'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose', 'hibernating')),
    since         TEXT NOT NULL,
    PRIMARY KEY (portal_id, contact_id)
);
CREATE INDEX ix_rfm_scores_segment ON rfm_scores(portal_id, segment);

-- Every change of a contact's segment (from NULL: first scored; to NULL: no won deal any more), for reports and audits.
CREATE TABLE rfm_moves (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_id     INTEGER NOT NULL REFERENCES portals(id),
    contact_id    INTEGER NOT NULL,
    from_segment  TEXT NULL,
    to_segment    TEXT NULL,
    moved_at      TEXT NOT NULL
);
CREATE INDEX ix_rfm_moves_portal ON rfm_moves(portal_id, moved_at);

-- The last refresh of each portal: when, how many contacts, and the currency monetary value was summed in.
CREATE TABLE rfm_runs (
    portal_id     INTEGER PRIMARY KEY REFERENCES portals(id),
    computed_at   TEXT NOT NULL,
    contacts      INTEGER NOT NULL,
    currency      TEXT NULL,
    moves         INTEGER NOT NULL
);
