-- Drop "v" view
DROP VIEW `v`;
-- Create "v" view
CREATE VIEW `v` AS SELECT id, name FROM users;
