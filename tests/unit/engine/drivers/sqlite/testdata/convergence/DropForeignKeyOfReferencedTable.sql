-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_posts" table
CREATE TABLE `new_posts` (`id` integer NULL, `user_id` int NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "posts" to new temporary table "new_posts"
INSERT INTO `new_posts` (`id`, `user_id`) SELECT `id`, `user_id` FROM `posts`;
-- Drop "posts" table after copying rows
DROP TABLE `posts`;
-- Rename temporary table "new_posts" to "posts"
ALTER TABLE `new_posts` RENAME TO `posts`;
-- Drop "users" table
DROP TABLE `users`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
