-- Drop trigger "tr"
DROP TRIGGER `tr`;
-- Create trigger "tr"
CREATE TRIGGER tr AFTER UPDATE ON users BEGIN INSERT INTO audit VALUES ('b'); END;
