-- After appraisal: the Chair closing a nomination without an award, and a state award's
-- public comment window, forwarding and central outcome. Beside `nominations`, one row
-- per nomination that reached these steps.
CREATE TABLE nomination_outcomes (
    nomination_id TEXT PRIMARY KEY REFERENCES nominations (id),
    not_awarded_reason TEXT,
    -- the public comment window (working days from posting), both days included
    comment_opens_on DATE,
    comment_closes_on DATE,
    forwarded_at TIMESTAMP,
    -- the central level's decision, as numbered by its issuer
    central_decision_number TEXT,
    central_decided_on DATE,
    central_recorded_at TIMESTAMP
);
CREATE INDEX nomination_outcomes_comment_idx ON nomination_outcomes (comment_closes_on, nomination_id);

-- Giấy khen: awarded by a unit's head under the unit's own authority; no provincial review.
CREATE TABLE unit_awards (
    id TEXT PRIMARY KEY,
    -- the awarding unit
    unit_id TEXT NOT NULL REFERENCES units (id),
    movement_id TEXT NOT NULL REFERENCES movements (id),
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('collective', 'individual')),
    recipient_unit_id TEXT REFERENCES units (id),
    recipient_name TEXT NOT NULL,
    recipient_search TEXT NOT NULL,
    -- the same key as a nomination's nominee_key (award history)
    recipient_key TEXT NOT NULL,
    gender TEXT CHECK (gender IN ('female', 'male')),
    birth_year INTEGER,
    position TEXT NOT NULL DEFAULT '',
    women_share_percent DOUBLE PRECISION,
    title TEXT NOT NULL,
    achievement TEXT NOT NULL,
    -- the unit's own decision (its register), unique per unit and year
    decision_number TEXT NOT NULL,
    decided_on DATE NOT NULL,
    year INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    -- one achievement is rewarded once: one Giấy khen per recipient, movement and year
    UNIQUE (unit_id, movement_id, year, recipient_key)
);
CREATE INDEX unit_awards_unit_idx ON unit_awards (unit_id, id);
CREATE INDEX unit_awards_movement_idx ON unit_awards (movement_id, id);
CREATE INDEX unit_awards_recipient_idx ON unit_awards (recipient_key);
CREATE INDEX unit_awards_search_idx ON unit_awards (recipient_search);

-- Award history and list filters that keep the id order (keyset pages).
CREATE INDEX nominations_nominee_key_idx ON nominations (nominee_key);
CREATE INDEX nominations_round_id_idx ON nominations (round_id, id);
CREATE INDEX nominations_form_idx ON nominations (award_form, nominee_kind, id);
CREATE INDEX nominations_kind_idx ON nominations (nominee_kind, id);
-- The dashboard's counts, read from the index alone.
CREATE INDEX nominations_figures_idx ON nominations (movement_id, round_id, status, award_form, nominee_kind, gender);

-- `q=` on nominee names is a LIKE '%…%' over the normalised name: a trigram index
-- serves it on PostgreSQL (pg_trgm is a trusted extension: the database owner may
-- create it). Finer statistics keep a rare name from looking common to the planner.
-- SQLite has no equivalent; its lists stay keyset pages over the id.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX nominations_search_trgm_idx ON nominations USING gin (nominee_search gin_trgm_ops);
ALTER TABLE nominations ALTER COLUMN nominee_search SET STATISTICS 1000;
