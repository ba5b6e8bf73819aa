-- Issue 12 item 6: a unit may sit under a parent unit (a department's sub-units, the
-- communes of a locality). Nullable: most units have none. No cycle is a rule the
-- application checks on every write (a unit is never its own ancestor).
ALTER TABLE units ADD COLUMN parent_id TEXT REFERENCES units (id);
CREATE INDEX units_parent_idx ON units (parent_id, code);
