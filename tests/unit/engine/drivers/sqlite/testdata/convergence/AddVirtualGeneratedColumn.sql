-- Add column "age2" to table: "users"
ALTER TABLE `users` ADD COLUMN `age2` int NULL AS (age * 2) VIRTUAL;
