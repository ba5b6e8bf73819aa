-- Issue 12 item 1: exemplary models (mô hình tiêu biểu), their evidence files and the
-- units that replicate them.
CREATE TABLE exemplary_models (
    id TEXT PRIMARY KEY,
    movement_id TEXT NOT NULL REFERENCES movements (id),
    -- the proposing unit, whose users draft it and whose head submits it
    unit_id TEXT NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    -- normalised title and description (q=, diacritics-insensitive)
    search_text TEXT NOT NULL,
    -- a field code and a content item code of the movement
    field_code TEXT NOT NULL,
    content_item TEXT NOT NULL,
    description TEXT NOT NULL,
    results TEXT NOT NULL,
    -- JSON list of {indicator, value, unit_of_measure}
    figures TEXT NOT NULL,
    -- who runs it (a commune, a hospital, a school inside the unit, or the unit itself)
    responsible_unit TEXT NOT NULL,
    started_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'recognized', 'retired')),
    submitted_at TIMESTAMP,
    return_reason TEXT,
    -- DIC's own decision (never generated): issuer unit, number, date, its year
    decision_issuer_unit_id TEXT REFERENCES units (id),
    decision_number TEXT,
    decision_date DATE,
    decision_year INTEGER,
    recognized_at TIMESTAMP,
    retired_at TIMESTAMP,
    retire_reason TEXT,
    version INTEGER NOT NULL,
    -- the proposing user (`seed` for demo rows of units without accounts, as in the
    -- workflow history)
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- one number in an issuer's register per year (NULLs, models not recognised, differ)
    UNIQUE (decision_issuer_unit_id, decision_year, decision_number)
);
CREATE INDEX exemplary_models_unit_idx ON exemplary_models (unit_id, id);
CREATE INDEX exemplary_models_movement_idx ON exemplary_models (movement_id, status, id);
CREATE INDEX exemplary_models_status_idx ON exemplary_models (status, id);

-- Evidence files: the same content checks and storage as a nomination's dossier.
CREATE TABLE exemplary_model_documents (
    id TEXT PRIMARY KEY,
    model_id TEXT NOT NULL REFERENCES exemplary_models (id),
    kind TEXT NOT NULL CHECK (kind IN ('proposal_letter', 'council_minutes', 'achievement_report', 'achievement_summary', 'movement_report', 'launch_plan', 'other')),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP
);
CREATE INDEX exemplary_model_documents_model_idx ON exemplary_model_documents (model_id, id);

-- Another unit's replication of a recognised model, which DIC may confirm.
CREATE TABLE model_replications (
    id TEXT PRIMARY KEY,
    model_id TEXT NOT NULL REFERENCES exemplary_models (id),
    unit_id TEXT NOT NULL REFERENCES units (id),
    started_on DATE NOT NULL,
    results TEXT NOT NULL,
    evidence TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('registered', 'confirmed')),
    confirmed_at TIMESTAMP,
    confirmed_by TEXT REFERENCES users (id),
    version INTEGER NOT NULL,
    -- the registering user (`seed` as above)
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- a unit replicates a model once
    UNIQUE (model_id, unit_id)
);
CREATE INDEX model_replications_model_idx ON model_replications (model_id, status, id);

-- The recognised models a nomination cites as its achievement: their ids, space
-- separated, on the nomination itself (read with it, no statement more per read).
ALTER TABLE nominations ADD COLUMN cited_model_ids TEXT NOT NULL DEFAULT '';
