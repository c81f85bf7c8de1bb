-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_we\"ird" table
CREATE TABLE `new_we"ird` (`O'Brien` text NOT NULL DEFAULT 'O''Brien', `select` int NULL);
-- Copy rows from old table "we\"ird" to new temporary table "new_we\"ird"
INSERT INTO `new_we"ird` (`O'Brien`, `select`) SELECT IFNULL(`O'Brien`, 'O''Brien') AS `O'Brien`, `select` FROM `we"ird`;
-- Drop "we\"ird" table after copying rows
DROP TABLE `we"ird`;
-- Rename temporary table "new_we\"ird" to "we\"ird"
ALTER TABLE `new_we"ird` RENAME TO `we"ird`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
