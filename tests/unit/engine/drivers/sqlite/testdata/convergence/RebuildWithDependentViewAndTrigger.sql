-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_users" table
CREATE TABLE `new_users` (`id` integer NULL, `name` text NOT NULL, `age` int NOT NULL DEFAULT 1, PRIMARY KEY (`id`));
-- Copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `name`, `age`) SELECT `id`, `name`, IFNULL(`age`, 1) AS `age` FROM `users`;
-- Drop "users" table after copying rows
DROP TABLE `users`;
-- Keep views and triggers referring to "users" as they are during the rename
PRAGMA legacy_alter_table = on;
-- Rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- Restore the default ALTER TABLE behaviour
PRAGMA legacy_alter_table = off;
-- Create trigger "u_ins"
CREATE TRIGGER u_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (new.name); END;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
