-- The writer saves the indexer's checkpoint every few seconds, not with every sync: the tables (and
-- indexed_block, indexed_hash) may be ahead of it, and before the first save there is none (NULL:
-- a restart indexes from the start block). A restart whose checkpoint is behind the tables writes
-- every row again and deletes the rows its state lacks.
ALTER TABLE indexer_checkpoint ALTER COLUMN checkpoint DROP NOT NULL;
