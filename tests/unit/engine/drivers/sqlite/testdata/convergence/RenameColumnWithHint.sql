-- Rename a column from "name" to "full_name"
ALTER TABLE `users` RENAME COLUMN `name` TO `full_name`;
