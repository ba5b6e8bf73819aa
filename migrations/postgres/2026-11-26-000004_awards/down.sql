ALTER TABLE nominations ALTER COLUMN nominee_search SET STATISTICS -1;
DROP INDEX nominations_search_trgm_idx;
DROP INDEX nominations_figures_idx;
DROP INDEX nominations_kind_idx;
DROP INDEX nominations_form_idx;
DROP INDEX nominations_round_id_idx;
DROP INDEX nominations_nominee_key_idx;
DROP TABLE unit_awards;
DROP TABLE nomination_outcomes;
