-- The usage log's anchors: which entries of a model each Merkle root on-chain (UsageAnchors) covers. A row is
-- written 'pending' before its transaction is sent and made 'anchored' once the chain holds it, so that a restart
-- or a failed transaction never anchors the same entries twice (the contract refuses overlapping ranges anyway).
CREATE TABLE usage_anchors (
  model_id text NOT NULL,
  from_seq bigint NOT NULL,
  to_seq bigint NOT NULL,
  -- The model's entries with from_seq <= seq <= to_seq, in log order, are the tree's leaves.
  entry_count integer NOT NULL,
  root text NOT NULL,
  -- The anchor's index among the model's anchors on-chain (what proofs name).
  anchor_index integer NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'anchored')),
  tx_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  anchored_at timestamptz,
  PRIMARY KEY (model_id, from_seq)
);
-- At most one pending anchor per model.
CREATE UNIQUE INDEX usage_anchors_one_pending ON usage_anchors (model_id) WHERE status = 'pending';
CREATE INDEX usage_anchors_range ON usage_anchors (model_id, to_seq);
