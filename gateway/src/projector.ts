/**
 * Writes the SDK indexer's state into the tables: the rows of the records the indexer's last syncs
 * read or wrote (`takeChanges`), in one transaction with the block they describe, and now and then
 * the indexer's checkpoint. The work of a write follows what changed, not the size of the state.
 */
import { announceChanges } from './api/cache.js'
import type { Db, Queryable } from './db.js'
import { allRows, type Row, type TableSpec, tables } from './projection.js'
import {
  type IndexedState,
  type IndexerChanges,
  type IndexerCheckpoint,
  serializeCheckpoint,
} from './sdk.js'

export type ProjectorWrite = {
  state: IndexedState
  /**
   * What changed since the last write, or `'all'`: every row is written again and the rows the
   * state lacks are deleted (after a reload, when the tables may describe another block).
   */
  changes: IndexerChanges | 'all'
  /** The block the state is at (the indexer's newest), null before any. */
  tip: { number: bigint; hash: string } | null
  /** The chain head seen. */
  head: bigint
  /** Events applied since the last write. */
  events: number
  /** The chain and registry indexed. */
  chain: { chainId: number; registry: string }
  /** The indexer's checkpoint, saved with the rows when given (read it before the next sync). */
  checkpoint?: IndexerCheckpoint | undefined
  /** Called after the rows are computed and before the checkpoint is serialized. */
  beforeCheckpoint?: (() => void) | undefined
}

export type Projector = {
  write(write: ProjectorWrite): Promise<{ upserts: number; deletes: number }>
}

type Change = {
  spec: TableSpec
  upserts: Row[]
  /** Keys of rows to delete (tables of one row per record). */
  deletes: string[]
  /** Record keys whose rows are all deleted first (tables of several rows per record). */
  parents: string[]
}

export function createProjector(db: Db): Projector {
  // The single values are few: the first write writes them all, later ones those that changed.
  let first = true
  return {
    async write({ state, changes, tip, head, events, chain, checkpoint, beforeCheckpoint }) {
      const all = changes === 'all' ? true : undefined
      const list: Change[] = []
      for (const spec of tables) {
        const whole =
          all ?? (spec.field === null ? first : (changes as IndexerChanges).fields.has(spec.field))
        if (whole) {
          const upserts = allRows(spec, state)
          const present = new Set(upserts.map(([key]) => key))
          const keys = await db.query<{ key: string }>(`SELECT key FROM ${spec.table}`)
          const deletes = keys.map((r) => r.key).filter((key) => !present.has(key))
          list.push({ spec, upserts, deletes, parents: [] })
          continue
        }
        const c = changes as IndexerChanges
        const keys = spec.field === null ? c.fields : c.keys.get(spec.field)
        if (!keys || keys.size === 0) continue
        const change: Change = { spec, upserts: [], deletes: [], parents: [] }
        for (const key of keys) {
          const rows = spec.rowsOf(state, key)
          change.upserts.push(...rows)
          if (spec.parent) change.parents.push(key)
          else if (rows.length === 0) change.deletes.push(key)
        }
        list.push(change)
      }
      let upserts = 0
      let deletes = 0
      beforeCheckpoint?.()
      const text = checkpoint ? serializeCheckpoint(checkpoint) : undefined
      await db.transaction(async (tx) => {
        for (const { spec, upserts: rows, deletes: gone, parents } of list) {
          if (spec.parent && parents.length > 0)
            await tx.query(
              `DELETE FROM ${spec.table} WHERE ${spec.parent.column} = ANY($1::${spec.parent.type})`,
              [parents],
            )
          if (gone.length > 0)
            await tx.query(`DELETE FROM ${spec.table} WHERE key = ANY($1::text[])`, [gone])
          await upsert(tx, db, spec.table, spec.columns, rows)
          upserts += rows.length
          deletes += gone.length
        }
        // Rows, or the block `/v1/stats` answers: a change to cached answers. The chain head alone
        // (every idle poll) is not: only `/v1/health` reads it.
        if (tip || list.some((c) => c.upserts.length + c.deletes.length + c.parents.length > 0))
          await announceChanges(tx)
        if (tip)
          await tx.query(
            `INSERT INTO indexer_checkpoint (id, chain_id, registry, checkpoint, indexed_block, indexed_hash, chain_head, events, updated_at)
             VALUES (1, $1, $2, $3, $4, $5, $6, $7, now())
             ON CONFLICT (id) DO UPDATE SET checkpoint = COALESCE(EXCLUDED.checkpoint, indexer_checkpoint.checkpoint),
               indexed_block = EXCLUDED.indexed_block, indexed_hash = EXCLUDED.indexed_hash,
               chain_head = EXCLUDED.chain_head, events = indexer_checkpoint.events + EXCLUDED.events,
               updated_at = now()`,
            [
              chain.chainId,
              chain.registry,
              text ?? null,
              tip.number.toString(),
              tip.hash,
              head.toString(),
              events,
            ],
          )
        else
          await tx.query(
            'UPDATE indexer_checkpoint SET chain_head = $1, updated_at = now() WHERE id = 1',
            [head.toString()],
          )
      })
      first = false
      return { upserts, deletes }
    },
  }
}

/** Column types by table (`format_type`), read once per process: the arrays `upsert` binds. */
const columnTypes = new WeakMap<Queryable, Map<string, Map<string, string>>>()

async function typesOf(tx: Queryable, db: Db, table: string): Promise<Map<string, string>> {
  let byTable = columnTypes.get(db)
  if (!byTable) {
    byTable = new Map()
    columnTypes.set(db, byTable)
  }
  let types = byTable.get(table)
  if (!types) {
    const rows = await tx.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type FROM pg_attribute a
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
      [table],
    )
    types = new Map(rows.map((r) => [r.name, r.type]))
    byTable.set(table, types)
  }
  return types
}

/**
 * Inserts or updates rows: one array parameter per column (`unnest`), up to 5,000 rows per
 * statement. A statement of 5,000 rows binds as many parameters as it has columns, where a
 * `VALUES` list bound one per value and took longer to parse and plan than to run.
 */
async function upsert(
  tx: Queryable,
  db: Db,
  table: string,
  columns: readonly string[],
  rows: Row[],
) {
  if (rows.length === 0) return
  const types = await typesOf(tx, db, table)
  const updates = columns
    .slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')
  const arrays = columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`).join(', ')
  // One row per key: the last one wins (a key listed twice in a write).
  const unique = [...new Map(rows).entries()]
  for (let i = 0; i < unique.length; i += 5000) {
    const chunk = unique.slice(i, i + 5000)
    const params = columns.map((_, c) =>
      chunk.map(([key, values]) => (c === 0 ? key : values[c - 1])),
    )
    await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays}) ON CONFLICT (key) DO UPDATE SET ${updates}`,
      params,
    )
  }
}
