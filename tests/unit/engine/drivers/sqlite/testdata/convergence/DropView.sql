-- Drop "v" view
DROP VIEW `v`;
