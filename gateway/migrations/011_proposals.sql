-- Governor proposals as the SDK's indexer derives them (`state.proposals`). Where a proposal stands
-- depends on the clock too: the API asks the SDK's `proposalState` with the chain's time. The quorum
-- numerator's history (`state.quorumNumerators`) stays in `globals`.
CREATE TABLE proposals (
  key text PRIMARY KEY,
  id numeric(78,0) NOT NULL,
  proposer text NOT NULL,
  -- created, queued, executed or canceled: what the events decided.
  stage text NOT NULL,
  vote_start numeric(78,0) NOT NULL,
  vote_end numeric(78,0) NOT NULL,
  -- Where it was created: block × 2^20 + log index (pages go newest first by it).
  seq bigint NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX proposals_seq ON proposals (seq);
CREATE INDEX proposals_proposer ON proposals (proposer, seq);
