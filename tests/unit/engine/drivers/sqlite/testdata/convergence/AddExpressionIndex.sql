-- Create index "users_lower" to table: "users"
CREATE INDEX `users_lower` ON `users` ((lower(name)), (age + 1));
