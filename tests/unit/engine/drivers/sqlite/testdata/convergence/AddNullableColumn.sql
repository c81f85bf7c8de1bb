-- Add column "email" to table: "users"
ALTER TABLE `users` ADD COLUMN `email` text NULL;
