-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_t" table
CREATE TABLE `new_t` (`id` int NULL, `status` text NULL DEFAULT 'active', PRIMARY KEY (`id`));
-- Copy rows from old table "t" to new temporary table "new_t"
INSERT INTO `new_t` (`id`, `status`) SELECT `id`, `status` FROM `t`;
-- Drop "t" table after copying rows
DROP TABLE `t`;
-- Rename temporary table "new_t" to "t"
ALTER TABLE `new_t` RENAME TO `t`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
