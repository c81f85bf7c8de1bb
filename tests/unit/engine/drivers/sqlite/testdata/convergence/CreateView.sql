-- Create "adults" view
CREATE VIEW `adults` AS SELECT id, name FROM users WHERE age >= 18;
