-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Drop "v" view
DROP VIEW `v`;
-- Drop "users" table
DROP TABLE `users`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
