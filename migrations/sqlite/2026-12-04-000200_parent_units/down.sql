DROP INDEX units_parent_idx;
ALTER TABLE units DROP COLUMN parent_id;
