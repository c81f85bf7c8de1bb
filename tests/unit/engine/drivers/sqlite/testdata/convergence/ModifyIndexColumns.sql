-- Drop index "i" from table: "users"
DROP INDEX `i`;
-- Create index "i" to table: "users"
CREATE INDEX `i` ON `users` (`name`, `age`);
