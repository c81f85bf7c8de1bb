-- Add column "active" to table: "users"
ALTER TABLE `users` ADD COLUMN `active` boolean NOT NULL DEFAULT true;
-- Add column "note" to table: "users"
ALTER TABLE `users` ADD COLUMN `note` text NULL DEFAULT 'it''s';
