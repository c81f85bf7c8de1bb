-- Create "users" table
CREATE TABLE `users` (`id` integer NOT NULL, `email` text NOT NULL, PRIMARY KEY (`id`));
-- Create index "users_email" to table: "users"
CREATE UNIQUE INDEX `users_email` ON `users` (`email`);
