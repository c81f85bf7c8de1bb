-- Rename a table from "users" to "people"
ALTER TABLE `users` RENAME TO `people`;
