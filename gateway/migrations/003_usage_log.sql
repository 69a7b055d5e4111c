-- The usage log: every key release, download and inference for a licensee, append-only and hash-chained
-- (sdk/src/usage/entry.ts defines entry_hash). Anchors record which entries a Merkle root on-chain covers.
CREATE TABLE usage_log (
  seq bigint PRIMARY KEY,
  at bigint NOT NULL,
  -- Model id and licensee as 0x hex (lower case), as the other tables keep them.
  model_id text NOT NULL,
  licensee text NOT NULL,
  action text NOT NULL CHECK (action IN ('key', 'download', 'infer')),
  request_digest text NOT NULL,
  response_digest text NOT NULL,
  previous_hash text NOT NULL,
  entry_hash text NOT NULL UNIQUE
);
CREATE INDEX usage_log_model_licensee ON usage_log (model_id, licensee, seq);
CREATE INDEX usage_log_licensee ON usage_log (licensee, seq);

-- Append-only: the database refuses to change or remove an entry once written.
CREATE FUNCTION usage_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'usage_log is append-only';
END $$;
CREATE TRIGGER usage_log_no_update BEFORE UPDATE OR DELETE ON usage_log
  FOR EACH ROW EXECUTE FUNCTION usage_log_append_only();
