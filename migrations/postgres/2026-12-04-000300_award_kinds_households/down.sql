-- What the old schema cannot hold goes first: households, the thematic and ad hoc
-- rounds and everything that hangs on them (a down migration loses what it undoes).
CREATE TABLE gone_rounds AS SELECT id FROM award_rounds WHERE kind IN ('thematic', 'ad_hoc');
CREATE TABLE gone_nominations AS SELECT id FROM nominations
    WHERE nominee_kind = 'household' OR round_id IN (SELECT id FROM gone_rounds);
DELETE FROM nomination_documents WHERE nomination_id IN (SELECT id FROM gone_nominations);
DELETE FROM nomination_outcomes WHERE nomination_id IN (SELECT id FROM gone_nominations);
DELETE FROM nomination_anonymisations WHERE nomination_id IN (SELECT id FROM gone_nominations);
DELETE FROM submission_nominations WHERE nomination_id IN (SELECT id FROM gone_nominations)
    OR submission_id IN (SELECT id FROM submissions WHERE round_id IN (SELECT id FROM gone_rounds));
DELETE FROM decision_nominations WHERE nomination_id IN (SELECT id FROM gone_nominations)
    OR decision_id IN (SELECT id FROM decisions WHERE round_id IN (SELECT id FROM gone_rounds));
DELETE FROM nominations WHERE id IN (SELECT id FROM gone_nominations);
DELETE FROM decisions WHERE round_id IN (SELECT id FROM gone_rounds);
DELETE FROM submissions WHERE round_id IN (SELECT id FROM gone_rounds);
UPDATE reports SET round_id = NULL WHERE round_id IN (SELECT id FROM gone_rounds);
UPDATE consolidated_reports SET round_id = NULL WHERE round_id IN (SELECT id FROM gone_rounds);
DELETE FROM round_quotas WHERE nominee_kind = 'household' OR round_id IN (SELECT id FROM gone_rounds);
DELETE FROM award_rounds WHERE id IN (SELECT id FROM gone_rounds);
DROP TABLE gone_nominations;
DROP TABLE gone_rounds;

ALTER TABLE nominations DROP COLUMN household_members;
ALTER TABLE nominations DROP COLUMN achievement_type;
ALTER TABLE nominations DROP CONSTRAINT nominations_nominee_kind_check;
ALTER TABLE nominations ADD CONSTRAINT nominations_nominee_kind_check
    CHECK (nominee_kind IN ('collective', 'individual'));
ALTER TABLE round_quotas DROP CONSTRAINT round_quotas_nominee_kind_check;
ALTER TABLE round_quotas ADD CONSTRAINT round_quotas_nominee_kind_check
    CHECK (nominee_kind IN ('collective', 'individual'));
ALTER TABLE award_rounds DROP CONSTRAINT award_rounds_kind_check;
ALTER TABLE award_rounds ADD CONSTRAINT award_rounds_kind_check
    CHECK (kind IN ('interim', 'final'));
