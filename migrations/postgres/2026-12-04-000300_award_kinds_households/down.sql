-- Fails (CHECK) while a round, quota or nomination uses the new kinds: remove them first.
DELETE FROM round_quotas WHERE nominee_kind = 'household' AND awarded = 0;
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
