-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_m" table
CREATE TABLE `new_m` (`a` int NOT NULL, `b` int NOT NULL, PRIMARY KEY (`a`, `b`));
-- Copy rows from old table "m" to new temporary table "new_m"
INSERT INTO `new_m` (`a`, `b`) SELECT `a`, `b` FROM `m`;
-- Drop "m" table after copying rows
DROP TABLE `m`;
-- Rename temporary table "new_m" to "m"
ALTER TABLE `new_m` RENAME TO `m`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
