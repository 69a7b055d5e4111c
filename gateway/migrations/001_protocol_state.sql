-- Protocol state as the SDK's indexer derives it (sdk/src/indexer). Every table has a text primary
-- key `key` (the indexer's own record key), so that the writer upserts and deletes every table the
-- same way; `data` keeps the whole record (bigints as decimal strings) for the API and the tests.
-- Amounts are numeric(78,0) (uint256), times are seconds.

CREATE TABLE indexer_checkpoint (
  id integer PRIMARY KEY CHECK (id = 1),
  chain_id integer NOT NULL,
  registry text NOT NULL,
  -- serializeCheckpoint(): the final state and the recent blocks a reorg may replace.
  checkpoint text NOT NULL,
  indexed_block numeric(78,0) NOT NULL,
  indexed_hash text NOT NULL,
  chain_head numeric(78,0) NOT NULL,
  events bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE models (
  key text PRIMARY KEY,
  owner text NOT NULL,
  publisher text NOT NULL,
  kind text NOT NULL,
  parent text,
  relation text NOT NULL,
  status text NOT NULL,
  committed boolean NOT NULL,
  registered_at bigint NOT NULL,
  -- Registration order: block × 2^20 + log index of the mint.
  seq bigint NOT NULL,
  artifact_cid text NOT NULL,
  metadata_cid text NOT NULL,
  score integer,
  benchmark_id text,
  data jsonb NOT NULL
);
CREATE INDEX models_owner ON models (owner);
CREATE INDEX models_parent ON models (parent);
CREATE INDEX models_seq ON models (seq);
CREATE INDEX models_score ON models (score);
CREATE INDEX models_metadata ON models (metadata_cid);

CREATE TABLE offers (
  key text PRIMARY KEY,
  id numeric(78,0) NOT NULL,
  model_id text NOT NULL,
  seller text NOT NULL,
  token text NOT NULL,
  price numeric(78,0) NOT NULL,
  duration bigint NOT NULL,
  supply_cap bigint NOT NULL,
  commercial boolean NOT NULL,
  signed boolean NOT NULL,
  cancelled boolean NOT NULL,
  sales integer NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX offers_model ON offers (model_id);
CREATE INDEX offers_id ON offers (id);

CREATE TABLE signed_offers (key text PRIMARY KEY, data jsonb NOT NULL);

CREATE TABLE licenses (
  key text PRIMARY KEY,
  model_id text NOT NULL,
  account text NOT NULL,
  offer_id numeric(78,0) NOT NULL,
  expires_at numeric(78,0) NOT NULL,
  commercial boolean NOT NULL,
  purchases integer NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX licenses_model ON licenses (model_id);
CREATE INDEX licenses_account ON licenses (account);

CREATE TABLE splits (key text PRIMARY KEY, total_weight integer NOT NULL, data jsonb NOT NULL);

-- What an account can claim from a split in a token (the SDK's `claimable`), non-zero only.
CREATE TABLE claimables (
  key text PRIMARY KEY,
  model_id text NOT NULL,
  account text NOT NULL,
  token text NOT NULL,
  amount numeric(78,0) NOT NULL
);
CREATE INDEX claimables_account ON claimables (account);

CREATE TABLE protocol_fees (key text PRIMARY KEY, treasury text NOT NULL, token text NOT NULL, amount numeric(78,0) NOT NULL);

CREATE TABLE stakers (
  key text PRIMARY KEY,
  stake numeric(78,0) NOT NULL,
  unbonding numeric(78,0) NOT NULL,
  locked numeric(78,0) NOT NULL,
  registered_validator boolean NOT NULL,
  data jsonb NOT NULL
);

CREATE TABLE sortition_weights (key text PRIMARY KEY, weight numeric(78,0) NOT NULL);
CREATE TABLE reputations (key text PRIMARY KEY, reputation numeric(78,0) NOT NULL);

CREATE TABLE rounds (
  key text PRIMARY KEY,
  id numeric(78,0) NOT NULL,
  subject_id text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  funder text NOT NULL,
  benchmark_id text NOT NULL,
  budget numeric(78,0) NOT NULL,
  consensus integer,
  opened_block numeric(78,0) NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX rounds_subject ON rounds (subject_id);
CREATE INDEX rounds_id ON rounds (id);

CREATE TABLE round_members (
  key text PRIMARY KEY,
  round_id numeric(78,0) NOT NULL,
  validator text NOT NULL,
  state text NOT NULL,
  score integer,
  reward numeric(78,0) NOT NULL,
  claimable numeric(78,0) NOT NULL
);
CREATE INDEX round_members_validator ON round_members (validator);

CREATE TABLE offences (key text PRIMARY KEY, status text NOT NULL);
CREATE TABLE challenges (key text PRIMARY KEY, accused text NOT NULL, data jsonb NOT NULL);
CREATE TABLE escrows (key text PRIMARY KEY, account text NOT NULL, data jsonb NOT NULL);
CREATE TABLE min_nonces (key text PRIMARY KEY, nonce numeric(78,0) NOT NULL);
CREATE TABLE royalty_inboxes (key text PRIMARY KEY, inbox text NOT NULL);
-- Single values: totals, the validator set, the market's treasury.
CREATE TABLE globals (key text PRIMARY KEY, data jsonb NOT NULL);

-- Evaluations per benchmark: every finalized scoring round of a subject.
CREATE VIEW evaluations AS
  SELECT subject_id AS model_id, benchmark_id, consensus AS score, id AS round_id, data
  FROM rounds WHERE status = 'finalized';
