-- Create index "adults" to table: "users"
CREATE INDEX `adults` ON `users` (`age`) WHERE age >= 18;
