-- Issue 12 items 2 and 3: thematic and ad hoc rounds, the achievement type a nomination
-- is counted under (the Ministry's statistics), and households as a third nominee kind.
-- SQLite cannot change a CHECK constraint in place: the three tables are rebuilt (copy,
-- drop, create, copy back). Foreign keys are deferred to the commit, so the rows that
-- point at a rebuilt table (dossiers, decisions, quotas, …) find it again by then.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE award_rounds_rebuild AS SELECT * FROM award_rounds;
DROP TABLE award_rounds;
CREATE TABLE award_rounds (
    id TEXT PRIMARY KEY,
    movement_id TEXT NOT NULL REFERENCES movements (id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('interim', 'final', 'thematic', 'ad_hoc')),
    title TEXT NOT NULL,
    period_start_year INTEGER NOT NULL,
    period_end_year INTEGER NOT NULL,
    nomination_opens_on DATE NOT NULL,
    nomination_closes_on DATE NOT NULL,
    report_due_on DATE,
    appraisal_working_days INTEGER NOT NULL DEFAULT 25,
    comment_working_days INTEGER NOT NULL DEFAULT 10,
    -- space-separated dossier document kinds required to submit a nomination
    required_documents TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (movement_id, code)
);
INSERT INTO award_rounds (id, movement_id, code, kind, title, period_start_year, period_end_year, nomination_opens_on, nomination_closes_on, report_due_on, appraisal_working_days, comment_working_days, required_documents, version, created_at, updated_at) SELECT id, movement_id, code, kind, title, period_start_year, period_end_year, nomination_opens_on, nomination_closes_on, report_due_on, appraisal_working_days, comment_working_days, required_documents, version, created_at, updated_at FROM award_rounds_rebuild;
DROP TABLE award_rounds_rebuild;

CREATE TABLE round_quotas_rebuild AS SELECT * FROM round_quotas;
DROP TABLE round_quotas;
CREATE TABLE round_quotas (
    round_id TEXT NOT NULL REFERENCES award_rounds (id),
    award_form TEXT NOT NULL CHECK (award_form IN ('provincial_merit', 'state_award')),
    nominee_kind TEXT NOT NULL CHECK (nominee_kind IN ('collective', 'individual', 'household')),
    -- NULL: no fixed quota (state awards follow the Emulation Board's guidance)
    max_awards INTEGER,
    awarded INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, award_form, nominee_kind)
);
INSERT INTO round_quotas (round_id, award_form, nominee_kind, max_awards, awarded) SELECT round_id, award_form, nominee_kind, max_awards, awarded FROM round_quotas_rebuild;
DROP TABLE round_quotas_rebuild;

-- Existing nominations take their round's kind (only interim and final rounds existed:
-- routine), as domain::achievement::default_for does.
CREATE TABLE nominations_rebuild AS SELECT * FROM nominations;
DROP TABLE nominations;
CREATE TABLE nominations (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES award_rounds (id),
    movement_id TEXT NOT NULL REFERENCES movements (id),
    -- the proposing unit
    unit_id TEXT NOT NULL REFERENCES units (id),
    award_form TEXT NOT NULL CHECK (award_form IN ('provincial_merit', 'state_award')),
    nominee_kind TEXT NOT NULL CHECK (nominee_kind IN ('collective', 'individual', 'household')),
    -- a collective that is a member unit
    nominee_unit_id TEXT REFERENCES units (id),
    -- the collective's or the person's name (a household: its head's)
    nominee_name TEXT NOT NULL,
    nominee_search TEXT NOT NULL,
    -- who the nominee is, for "one achievement is rewarded once"
    nominee_key TEXT NOT NULL,
    women_share_percent DOUBLE PRECISION,
    gender TEXT CHECK (gender IN ('female', 'male')),
    birth_year INTEGER,
    position TEXT NOT NULL DEFAULT '',
    -- an individual's workplace, a collective's unit, a household's commune
    workplace TEXT NOT NULL DEFAULT '',
    achievement_summary TEXT NOT NULL,
    -- the nominee is not under discipline, investigation or an unresolved complaint
    clean_record BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    submitted_at TIMESTAMP,
    return_reason TEXT,
    submission_id TEXT REFERENCES submissions (id),
    consolidated_at TIMESTAMP,
    appraisal_verdict TEXT CHECK (appraisal_verdict IN ('approve', 'reject')),
    appraisal_opinion TEXT,
    appraised_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- the cited exemplary models (2026-12-04-000100_exemplary_models)
    cited_model_ids TEXT NOT NULL DEFAULT '',
    achievement_type TEXT NOT NULL DEFAULT 'routine'
        CHECK (achievement_type IN ('routine', 'thematic', 'ad_hoc', 'foreign_affairs', 'long_service')),
    -- a household's number of members
    household_members INTEGER
);
CREATE UNIQUE INDEX nominations_nominee_idx ON nominations (round_id, nominee_key)
    WHERE status NOT IN ('withdrawn', 'rejected', 'not_awarded');
CREATE INDEX nominations_round_idx ON nominations (round_id, status, id);
CREATE INDEX nominations_unit_idx ON nominations (unit_id, id);
CREATE INDEX nominations_status_idx ON nominations (status, id);
CREATE INDEX nominations_search_idx ON nominations (nominee_search);
CREATE INDEX nominations_submission_idx ON nominations (submission_id);
CREATE INDEX nominations_nominee_key_idx ON nominations (nominee_key);
CREATE INDEX nominations_round_id_idx ON nominations (round_id, id);
CREATE INDEX nominations_form_idx ON nominations (award_form, nominee_kind, id);
CREATE INDEX nominations_kind_idx ON nominations (nominee_kind, id);
CREATE INDEX nominations_figures_idx ON nominations (movement_id, round_id, status, award_form, nominee_kind, gender);
CREATE INDEX nominations_unit_round_idx ON nominations (unit_id, round_id, status, id);
INSERT INTO nominations (id, round_id, movement_id, unit_id, award_form, nominee_kind, nominee_unit_id, nominee_name, nominee_search, nominee_key, women_share_percent, gender, birth_year, position, workplace, achievement_summary, clean_record, status, submitted_at, return_reason, submission_id, consolidated_at, appraisal_verdict, appraisal_opinion, appraised_at, version, created_at, updated_at, cited_model_ids, achievement_type)
    SELECT n.id, n.round_id, n.movement_id, n.unit_id, n.award_form, n.nominee_kind, n.nominee_unit_id, n.nominee_name, n.nominee_search, n.nominee_key, n.women_share_percent, n.gender, n.birth_year, n.position, n.workplace, n.achievement_summary, n.clean_record, n.status, n.submitted_at, n.return_reason, n.submission_id, n.consolidated_at, n.appraisal_verdict, n.appraisal_opinion, n.appraised_at, n.version, n.created_at, n.updated_at, n.cited_model_ids,
        CASE r.kind WHEN 'thematic' THEN 'thematic' WHEN 'ad_hoc' THEN 'ad_hoc' ELSE 'routine' END
    FROM nominations_rebuild n JOIN award_rounds r ON r.id = n.round_id;
DROP TABLE nominations_rebuild;

-- Every round has a quota row per award form and nominee kind (NULL: none fixed).
INSERT INTO round_quotas (round_id, award_form, nominee_kind, max_awards, awarded)
    SELECT id, 'provincial_merit', 'household', NULL, 0 FROM award_rounds;
INSERT INTO round_quotas (round_id, award_form, nominee_kind, max_awards, awarded)
    SELECT id, 'state_award', 'household', NULL, 0 FROM award_rounds;
