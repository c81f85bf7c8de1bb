-- Drop index "users_age" from table: "users"
DROP INDEX `users_age`;
-- Drop column "age" from table: "users"
ALTER TABLE `users` DROP COLUMN `age`;
