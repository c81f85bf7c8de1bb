-- Create "users" table
CREATE TABLE `users` (`id` integer NULL, `name` text NOT NULL, `age` int NULL, PRIMARY KEY (`id`));
