-- Foundation: the organisation, identity, the movement's configuration, audit.
-- Portable types only (TEXT ids, TIMESTAMP in UTC, BOOLEAN, DOUBLE PRECISION); the
-- SQLite folder holds the same schema in SQLite's spelling.

CREATE TABLE service_secrets (
    name TEXT PRIMARY KEY,
    secret_value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE emulation_groups (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('bloc', 'cluster')),
    description TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX emulation_groups_kind_idx ON emulation_groups (kind, code);
CREATE INDEX emulation_groups_search_idx ON emulation_groups (name_search);

CREATE TABLE units (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('department', 'locality', 'central_agency', 'enterprise', 'organisation', 'mass_organisation')),
    group_id TEXT REFERENCES emulation_groups (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    successor_id TEXT REFERENCES units (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX units_group_idx ON units (group_id, code);
CREATE INDEX units_kind_idx ON units (kind, code);
CREATE INDEX units_search_idx ON units (name_search);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units (id),
    -- space-separated role names; no role name is a substring of another (tested)
    roles TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX users_unit_idx ON users (unit_id, username);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    window_started_at TIMESTAMP NOT NULL,
    failures INTEGER NOT NULL,
    locked_until TIMESTAMP
);

CREATE TABLE movements (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    title_search TEXT NOT NULL,
    theme TEXT NOT NULL,
    period_start_year INTEGER NOT NULL,
    period_end_year INTEGER NOT NULL,
    legal_basis TEXT NOT NULL,
    plan_document TEXT NOT NULL,
    standing_unit_id TEXT NOT NULL REFERENCES units (id),
    appraising_unit_id TEXT NOT NULL REFERENCES units (id),
    -- JSON arrays of {code, name} and {code, text}: small value lists read with the movement
    fields TEXT NOT NULL,
    content_items TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX movements_search_idx ON movements (title_search);

CREATE TABLE criteria (
    id TEXT PRIMARY KEY,
    movement_id TEXT NOT NULL REFERENCES movements (id),
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    field_code TEXT NOT NULL,
    unit_of_measure TEXT NOT NULL,
    max_score DOUBLE PRECISION NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (movement_id, code)
);

CREATE TABLE award_rounds (
    id TEXT PRIMARY KEY,
    movement_id TEXT NOT NULL REFERENCES movements (id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('interim', 'final')),
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

CREATE TABLE round_quotas (
    round_id TEXT NOT NULL REFERENCES award_rounds (id),
    award_form TEXT NOT NULL CHECK (award_form IN ('provincial_merit', 'state_award')),
    nominee_kind TEXT NOT NULL CHECK (nominee_kind IN ('collective', 'individual')),
    -- NULL: no fixed quota (state awards follow the Emulation Board's guidance)
    max_awards INTEGER,
    awarded INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, award_form, nominee_kind)
);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_username TEXT,
    actor_roles TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    request_id TEXT,
    changes TEXT NOT NULL
);
CREATE INDEX audit_events_resource_idx ON audit_events (resource_type, resource_id, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);

CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_fingerprint TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    response_location TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
