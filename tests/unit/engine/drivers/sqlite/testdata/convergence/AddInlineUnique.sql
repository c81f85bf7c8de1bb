-- Create index "t_email" to table: "t"
CREATE UNIQUE INDEX `t_email` ON `t` (`email`);
