-- Create "posts" table
CREATE TABLE `posts` (`id` integer NOT NULL, `user_id` integer NOT NULL, `title` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `posts_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`));
-- Keep an audit row per post
CREATE TABLE `post_audit` (`post_id` integer NOT NULL, `at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TRIGGER `posts_audit` AFTER INSERT ON `posts` BEGIN
  INSERT INTO `post_audit` (`post_id`) VALUES (NEW.`id`);
END;
