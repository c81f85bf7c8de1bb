-- Drop index "users_name" from table: "users"
DROP INDEX `users_name`;
