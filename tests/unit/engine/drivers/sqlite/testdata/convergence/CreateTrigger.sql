-- Create trigger "users_ins"
CREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES ('ins; ' || new.name); END;
