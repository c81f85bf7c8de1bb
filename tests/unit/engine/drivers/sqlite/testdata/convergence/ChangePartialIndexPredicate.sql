-- Drop index "adults" from table: "users"
DROP INDEX `adults`;
-- Create index "adults" to table: "users"
CREATE INDEX `adults` ON `users` (`age`) WHERE age >= 21;
