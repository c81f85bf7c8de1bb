-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_child" table
CREATE TABLE `new_child` (`id` integer NULL, `pid` int NULL, `other` int NULL, PRIMARY KEY (`id`), FOREIGN KEY (`pid`) REFERENCES `parent` (`id`) ON DELETE CASCADE, FOREIGN KEY (`other`) REFERENCES `parent` (`id`));
-- Copy rows from old table "child" to new temporary table "new_child"
INSERT INTO `new_child` (`id`, `pid`) SELECT `id`, `pid` FROM `child`;
-- Drop "child" table after copying rows
DROP TABLE `child`;
-- Rename temporary table "new_child" to "child"
ALTER TABLE `new_child` RENAME TO `child`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
