-- Model cards, fetched by CID from the configured store or gateway and verified against it.
CREATE TABLE cards (
  cid text PRIMARY KEY,
  -- 'ok'; 'pending' (not fetched yet, or not found: retried with backoff); 'mismatch' (the bytes
  -- did not hash to the CID) or 'invalid' (not a JSON object): not retried.
  status text NOT NULL,
  card jsonb,
  name text,
  description text,
  author text,
  -- Tags joined by spaces (the card keeps the list).
  tags text,
  task text,
  license text,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt timestamptz NOT NULL DEFAULT now(),
  fetched_at timestamptz,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(tags, '') || ' ' || coalesce(task, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(author, '')), 'C') ||
    setweight(to_tsvector('english', coalesce(license, '')), 'D')
  ) STORED
);
CREATE INDEX cards_search ON cards USING gin (search);
CREATE INDEX cards_retry ON cards (status, next_attempt);
