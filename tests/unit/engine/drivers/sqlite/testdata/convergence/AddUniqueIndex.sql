-- Create index "users_name_age" to table: "users"
CREATE UNIQUE INDEX `users_name_age` ON `users` (`name`, `age` DESC);
