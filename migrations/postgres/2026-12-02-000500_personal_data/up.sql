-- Issue 9 item 16: nominations whose personal data was anonymised after the retention
-- period (Law 91/2025/QH15): when, on which ground, after how many days, files erased.
CREATE TABLE nomination_anonymisations (
    nomination_id TEXT PRIMARY KEY REFERENCES nominations (id),
    anonymised_at TIMESTAMP NOT NULL,
    ground TEXT NOT NULL CHECK (ground IN ('withdrawn', 'returned_abandoned', 'not_awarded')),
    retention_days BIGINT NOT NULL,
    files_erased BIGINT NOT NULL
);
-- The retention run looks for the old answers of retried requests by age.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
