-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_posts" table
CREATE TABLE `new_posts` (`id` integer NULL, `user_id` int NULL, PRIMARY KEY (`id`), CONSTRAINT `posts_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "posts" to new temporary table "new_posts"
INSERT INTO `new_posts` (`id`, `user_id`) SELECT `id`, `user_id` FROM `posts`;
-- Drop "posts" table after copying rows
DROP TABLE `posts`;
-- Rename temporary table "new_posts" to "posts"
ALTER TABLE `new_posts` RENAME TO `posts`;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
