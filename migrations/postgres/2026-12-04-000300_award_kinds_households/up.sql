-- Issue 12 items 2 and 3: thematic and ad hoc rounds, the achievement type a nomination
-- is counted under (the Ministry's statistics), and households as a third nominee kind.
ALTER TABLE award_rounds DROP CONSTRAINT award_rounds_kind_check;
ALTER TABLE award_rounds ADD CONSTRAINT award_rounds_kind_check
    CHECK (kind IN ('interim', 'final', 'thematic', 'ad_hoc'));

ALTER TABLE round_quotas DROP CONSTRAINT round_quotas_nominee_kind_check;
ALTER TABLE round_quotas ADD CONSTRAINT round_quotas_nominee_kind_check
    CHECK (nominee_kind IN ('collective', 'individual', 'household'));

ALTER TABLE nominations DROP CONSTRAINT nominations_nominee_kind_check;
ALTER TABLE nominations ADD CONSTRAINT nominations_nominee_kind_check
    CHECK (nominee_kind IN ('collective', 'individual', 'household'));
ALTER TABLE nominations ADD COLUMN achievement_type TEXT NOT NULL DEFAULT 'routine'
    CHECK (achievement_type IN ('routine', 'thematic', 'ad_hoc', 'foreign_affairs', 'long_service'));
-- A household: its number of members (head's name in nominee_name, commune in workplace).
ALTER TABLE nominations ADD COLUMN household_members INTEGER;

-- Existing nominations take their round's kind (only interim and final rounds existed:
-- routine), as domain::achievement::default_for does.
UPDATE nominations SET achievement_type = CASE
    (SELECT r.kind FROM award_rounds r WHERE r.id = nominations.round_id)
    WHEN 'thematic' THEN 'thematic' WHEN 'ad_hoc' THEN 'ad_hoc' ELSE 'routine' END;

-- Every round has a quota row per award form and nominee kind (NULL: none fixed).
INSERT INTO round_quotas (round_id, award_form, nominee_kind, max_awards, awarded)
    SELECT id, 'provincial_merit', 'household', NULL, 0 FROM award_rounds;
INSERT INTO round_quotas (round_id, award_form, nominee_kind, max_awards, awarded)
    SELECT id, 'state_award', 'household', NULL, 0 FROM award_rounds;
