-- Drop column "age" from table: "users"
ALTER TABLE `users` DROP COLUMN `age`;
