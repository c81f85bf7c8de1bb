-- A dollar-quoted function body is one statement; the trigger keeps emails lower-case.
CREATE FUNCTION users_lower_email() RETURNS trigger AS $$
BEGIN
  NEW.email := lower(NEW.email);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER users_lower_email BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_lower_email();
