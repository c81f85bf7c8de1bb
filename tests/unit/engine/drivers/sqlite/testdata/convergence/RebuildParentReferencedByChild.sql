-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_parent" table
CREATE TABLE `new_parent` (`id` integer NULL, `name` text NOT NULL DEFAULT '', PRIMARY KEY (`id`));
-- Copy rows from old table "parent" to new temporary table "new_parent"
INSERT INTO `new_parent` (`id`, `name`) SELECT `id`, IFNULL(`name`, '') AS `name` FROM `parent`;
-- Drop "parent" table after copying rows
DROP TABLE `parent`;
-- Rename temporary table "new_parent" to "parent"
ALTER TABLE `new_parent` RENAME TO `parent`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
