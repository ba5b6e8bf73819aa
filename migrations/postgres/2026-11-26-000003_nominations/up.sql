-- Nominations (đề nghị khen thưởng), their dossier files, and DIC's submissions of
-- consolidated nominations to Home Affairs.

CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES award_rounds (id),
    movement_id TEXT NOT NULL REFERENCES movements (id),
    -- DIC's letter (tờ trình tổng hợp), as numbered in its register
    letter_number TEXT NOT NULL,
    letter_date DATE NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    sent_by TEXT NOT NULL REFERENCES users (id),
    sent_at TIMESTAMP NOT NULL
);
CREATE INDEX submissions_round_idx ON submissions (round_id, id);

CREATE TABLE nominations (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES award_rounds (id),
    movement_id TEXT NOT NULL REFERENCES movements (id),
    -- the proposing unit
    unit_id TEXT NOT NULL REFERENCES units (id),
    award_form TEXT NOT NULL CHECK (award_form IN ('provincial_merit', 'state_award')),
    nominee_kind TEXT NOT NULL CHECK (nominee_kind IN ('collective', 'individual')),
    -- a collective that is a member unit
    nominee_unit_id TEXT REFERENCES units (id),
    -- the collective's or the person's name
    nominee_name TEXT NOT NULL,
    nominee_search TEXT NOT NULL,
    -- who the nominee is, for "one achievement is rewarded once"
    nominee_key TEXT NOT NULL,
    women_share_percent DOUBLE PRECISION,
    gender TEXT CHECK (gender IN ('female', 'male')),
    birth_year INTEGER,
    position TEXT NOT NULL DEFAULT '',
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
    updated_at TIMESTAMP NOT NULL
);
-- The same nominee once per round, among nominations still in play.
CREATE UNIQUE INDEX nominations_nominee_idx ON nominations (round_id, nominee_key)
    WHERE status NOT IN ('withdrawn', 'rejected', 'not_awarded');
CREATE INDEX nominations_round_idx ON nominations (round_id, status, id);
CREATE INDEX nominations_unit_idx ON nominations (unit_id, id);
CREATE INDEX nominations_status_idx ON nominations (status, id);
CREATE INDEX nominations_search_idx ON nominations (nominee_search);
CREATE INDEX nominations_submission_idx ON nominations (submission_id);

-- Which nominations each submission carried (a nomination returned during appraisal
-- and consolidated again belongs to both batches).
CREATE TABLE submission_nominations (
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    nomination_id TEXT NOT NULL REFERENCES nominations (id),
    PRIMARY KEY (submission_id, nomination_id)
);
CREATE INDEX submission_nominations_nomination_idx ON submission_nominations (nomination_id);

-- The Chair's decisions (Quyết định khen thưởng): the number comes from the People's
-- Committee's register, unique per issuer and year; never generated here.
CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES award_rounds (id),
    movement_id TEXT NOT NULL REFERENCES movements (id),
    issuer_unit_id TEXT NOT NULL REFERENCES units (id),
    number TEXT NOT NULL,
    year INTEGER NOT NULL,
    signed_on DATE NOT NULL,
    signer TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (issuer_unit_id, year, number)
);
CREATE INDEX decisions_round_idx ON decisions (round_id, id);

CREATE TABLE decision_nominations (
    decision_id TEXT NOT NULL REFERENCES decisions (id),
    nomination_id TEXT NOT NULL REFERENCES nominations (id) UNIQUE,
    PRIMARY KEY (decision_id, nomination_id)
);

CREATE TABLE nomination_documents (
    id TEXT PRIMARY KEY,
    nomination_id TEXT NOT NULL REFERENCES nominations (id),
    kind TEXT NOT NULL CHECK (kind IN ('proposal_letter', 'council_minutes', 'achievement_report', 'achievement_summary', 'movement_report', 'launch_plan', 'other')),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    -- removed from the dossier; still readable as part of an earlier submission
    removed_at TIMESTAMP
);
CREATE INDEX nomination_documents_nomination_idx ON nomination_documents (nomination_id, id);
