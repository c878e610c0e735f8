-- Hand-written: the audit trail is append-only at the database level too. An UPDATE or DELETE
-- raises, so only someone able to disable triggers (a database owner) can tamper, and the hash
-- chain (lib/audit) then shows where.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Emails are compared case-insensitively; storing them lower-cased makes the unique index enforce it.
ALTER TABLE users ADD CONSTRAINT users_email_lowercase CHECK (email = lower(email));
