-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_kv" table
CREATE TABLE `new_kv` (`k` text NOT NULL, `v` blob NULL, PRIMARY KEY (`k`)) WITHOUT ROWID, STRICT;
-- Copy rows from old table "kv" to new temporary table "new_kv"
INSERT INTO `new_kv` (`k`, `v`) SELECT `k`, `v` FROM `kv`;
-- Drop "kv" table after copying rows
DROP TABLE `kv`;
-- Rename temporary table "new_kv" to "kv"
ALTER TABLE `new_kv` RENAME TO `kv`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
