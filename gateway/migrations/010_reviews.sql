-- Licensee reviews as the SDK's indexer derives them (`state.reviews`, `IndexedModel.rating`):
-- one review per (model, reviewer), the latest; a model's rating count and sum beside its record,
-- so that `minRating` and the rating sort read a column instead of the `data` JSON.
ALTER TABLE models ADD COLUMN rating_count integer NOT NULL DEFAULT 0;
ALTER TABLE models ADD COLUMN rating_sum integer NOT NULL DEFAULT 0;
-- The mean rating (1 to 5), null without reviews.
ALTER TABLE models ADD COLUMN rating double precision
  GENERATED ALWAYS AS (CASE WHEN rating_count > 0 THEN rating_sum::float8 / rating_count END) STORED;
CREATE INDEX models_rating ON models (rating, seq);

CREATE TABLE reviews (
  key text PRIMARY KEY,
  model_id text NOT NULL,
  reviewer text NOT NULL,
  rating integer NOT NULL,
  review_cid text NOT NULL,
  -- Where the latest review was given: block × 2^20 + log index (pages go newest first by it).
  seq bigint NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX reviews_model ON reviews (model_id, seq);
CREATE INDEX reviews_reviewer ON reviews (reviewer, seq);
-- The writer kept reviews in `globals` (one JSON value) before this table.
DELETE FROM globals WHERE key = 'reviews';
