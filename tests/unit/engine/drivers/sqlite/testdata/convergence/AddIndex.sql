-- Create index "users_name" to table: "users"
CREATE INDEX `users_name` ON `users` (`name`);
