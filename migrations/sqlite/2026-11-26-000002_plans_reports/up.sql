-- Plans with targets, reports with results, the workflow history, the province's
-- consolidated reports, public holidays for working-day deadlines.

ALTER TABLE units ADD COLUMN women_share_percent DOUBLE PRECISION;

ALTER TABLE movements ADD COLUMN annual_report_due_month INTEGER NOT NULL DEFAULT 12;
ALTER TABLE movements ADD COLUMN annual_report_due_day INTEGER NOT NULL DEFAULT 10;
ALTER TABLE movements ADD COLUMN review_working_days INTEGER NOT NULL DEFAULT 10;

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id),
    movement_id TEXT NOT NULL REFERENCES movements (id),
    kind TEXT NOT NULL CHECK (kind IN ('annual', 'period')),
    year INTEGER,
    -- 'annual:2023' or 'period': one plan per unit, movement and period
    period_key TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
    submitted_at TIMESTAMP,
    reviewed_at TIMESTAMP,
    return_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, movement_id, period_key)
);
CREATE INDEX plans_movement_idx ON plans (movement_id, year, status, id);
CREATE INDEX plans_unit_idx ON plans (unit_id, id);

CREATE TABLE plan_targets (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES criteria (id),
    target_value DOUBLE PRECISION NOT NULL,
    unit_of_measure TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    UNIQUE (plan_id, criterion_id)
);

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id),
    movement_id TEXT NOT NULL REFERENCES movements (id),
    plan_id TEXT NOT NULL REFERENCES plans (id),
    kind TEXT NOT NULL CHECK (kind IN ('annual', 'interim', 'final')),
    year INTEGER,
    round_id TEXT REFERENCES award_rounds (id),
    -- 'annual:2023' or 'round:<id>'
    period_key TEXT NOT NULL,
    narrative TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
    due_on DATE NOT NULL,
    first_submitted_at TIMESTAMP,
    submitted_at TIMESTAMP,
    late BOOLEAN NOT NULL DEFAULT 0,
    reviewed_at TIMESTAMP,
    return_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, movement_id, period_key)
);
CREATE INDEX reports_movement_idx ON reports (movement_id, period_key, unit_id);
CREATE INDEX reports_status_idx ON reports (movement_id, status, submitted_at);
CREATE INDEX reports_unit_idx ON reports (unit_id, id);

CREATE TABLE report_results (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    target_id TEXT NOT NULL REFERENCES plan_targets (id),
    criterion_id TEXT NOT NULL REFERENCES criteria (id),
    achieved_value DOUBLE PRECISION NOT NULL,
    self_score DOUBLE PRECISION NOT NULL,
    assessed_score DOUBLE PRECISION,
    evidence TEXT NOT NULL DEFAULT '',
    evidence_url TEXT,
    UNIQUE (report_id, target_id)
);
CREATE INDEX report_results_criterion_idx ON report_results (criterion_id);

CREATE TABLE workflow_events (
    id TEXT PRIMARY KEY,
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_username TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    comment TEXT,
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX workflow_events_resource_idx ON workflow_events (resource_type, resource_id, id);

CREATE TABLE consolidated_reports (
    id TEXT PRIMARY KEY,
    movement_id TEXT NOT NULL REFERENCES movements (id),
    -- 'annual:2023' or 'round:<id>'
    period_key TEXT NOT NULL,
    year INTEGER,
    round_id TEXT REFERENCES award_rounds (id),
    is_current BOOLEAN NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    issued_by TEXT NOT NULL REFERENCES users (id),
    -- the immutable snapshot, as JSON
    content TEXT NOT NULL
);
CREATE INDEX consolidated_reports_movement_idx ON consolidated_reports (movement_id, period_key, issued_at);
-- At most one current roll-up per movement and period, whatever races.
CREATE UNIQUE INDEX consolidated_reports_current_idx ON consolidated_reports (movement_id, period_key) WHERE is_current;

CREATE TABLE public_holidays (
    day DATE PRIMARY KEY,
    name TEXT NOT NULL
);
