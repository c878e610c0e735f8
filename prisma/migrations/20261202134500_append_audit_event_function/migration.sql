-- Hand-written: appends one row to the hash-chained audit trail in a single call, so an audited
-- request pays one round trip for its audit row (it paid three: lock and head, insert, commit), and an
-- audited change can be one statement that calls this in a CTE.
--
-- The caller sends the row and its hashed text cut where the id and the previous hash go
-- (lib/audit/audit-hash.ts, auditHashParts); here, under the chain's lock, the id is drawn and the head
-- read, and the text is completed and hashed. A volatile PL/pgSQL function takes a fresh snapshot for
-- each statement, so the head is read after the lock is held and sees the last writer's committed row,
-- even when the calling statement started earlier. The lock (key 7130001, the one audit writers took
-- before this function) is held until the caller's transaction ends.
CREATE FUNCTION append_audit_event(
  p_hash_prefix TEXT,
  p_hash_middle TEXT,
  p_hash_suffix TEXT,
  p_at TIMESTAMPTZ,
  p_actor_id UUID,
  p_actor_role "Role",
  p_action TEXT,
  p_subject_type TEXT,
  p_subject_id TEXT,
  p_outcome "AuditOutcome",
  p_ip TEXT,
  p_user_agent TEXT,
  p_details JSONB
) RETURNS BIGINT LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous_hash TEXT;
  next_id BIGINT;
BEGIN
  PERFORM pg_advisory_xact_lock(7130001);
  SELECT e.hash INTO previous_hash FROM audit_events e ORDER BY e.id DESC LIMIT 1;
  previous_hash := coalesce(previous_hash, repeat('0', 64));
  next_id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  INSERT INTO audit_events (id, at, actor_id, actor_role, action, subject_type, subject_id, outcome, ip, user_agent, details, prev_hash, hash)
  VALUES (next_id, p_at, p_actor_id, p_actor_role, p_action, p_subject_type, p_subject_id, p_outcome, p_ip, p_user_agent, p_details, previous_hash,
          encode(sha256(convert_to(p_hash_prefix || next_id::text || p_hash_middle || previous_hash || p_hash_suffix, 'UTF8')), 'hex'));
  RETURN next_id;
END;
$$;
