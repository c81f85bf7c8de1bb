-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_t" table
CREATE TABLE `new_t` (`a` int NULL, `b` int NULL);
-- Copy rows from old table "t" to new temporary table "new_t"
INSERT INTO `new_t` (`a`, `b`) SELECT `a`, `b` FROM `t`;
-- Drop "t" table after copying rows
DROP TABLE `t`;
-- Rename temporary table "new_t" to "t"
ALTER TABLE `new_t` RENAME TO `t`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
