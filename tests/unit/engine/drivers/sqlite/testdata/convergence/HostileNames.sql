-- Create "we\"ird" table
CREATE TABLE `we"ird` (`O'Brien` text NULL DEFAULT 'O''Brien', `select` int NULL, `ünï` real NULL);
-- Create index "i\"x" to table: "we\"ird"
CREATE INDEX `i"x` ON `we"ird` (`select`);
