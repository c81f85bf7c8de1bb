-- Drop "names" view
DROP VIEW `names`;
-- Rename a table from "parent" to "owner"
ALTER TABLE `parent` RENAME TO `owner`;
-- Create "names" view
CREATE VIEW `names` AS SELECT name FROM owner;
