/**
 * Writes the SDK indexer's state into the tables: only the rows that changed since the last write,
 * with the indexer's checkpoint, in one transaction (a crash leaves the tables and the checkpoint
 * of one sync, never a mix).
 */
import { createHash } from 'node:crypto'
import type { Db, Queryable } from './db.js'
import { tables, toJson } from './projection.js'
import { type IndexedState, type IndexerCheckpoint, serializeCheckpoint } from './sdk.js'

export type Projector = {
  /** Writes the state, and the checkpoint when given, and the chain head seen. */
  write(
    state: IndexedState,
    checkpoint: IndexerCheckpoint | undefined,
    head: bigint,
    events: number,
  ): Promise<{ upserts: number; deletes: number }>
}

/**
 * A projector that remembers what it wrote. It starts by reading the keys the tables hold, so its
 * first write rewrites every row and deletes the rows the state lacks.
 */
export function createProjector(db: Db): Projector {
  let written: Map<string, Map<string, string>> | undefined
  let savedHash: string | undefined

  return {
    async write(state, checkpoint, head, events) {
      if (!written) {
        written = new Map()
        for (const { table } of tables) {
          const keys = await db.query<{ key: string }>(`SELECT key FROM ${table}`)
          written.set(table, new Map(keys.map((r) => [r.key, ''])))
        }
      }
      const known = written
      const changes: {
        table: string
        columns: readonly string[]
        upserts: unknown[][]
        deletes: string[]
        next: Map<string, string>
      }[] = []
      let upserts = 0
      let deletes = 0
      for (const spec of tables) {
        const before = known.get(spec.table) ?? new Map<string, string>()
        const next = new Map<string, string>()
        const rows: unknown[][] = []
        for (const [key, values] of spec.rows(state)) {
          // A digest of the row, not the row: what is kept per key stays 27 characters.
          const digest = createHash('sha1').update(toJson(values)).digest('base64').slice(0, 27)
          next.set(key, digest)
          if (before.get(key) !== digest) rows.push([key, ...values])
        }
        const gone = [...before.keys()].filter((key) => !next.has(key))
        upserts += rows.length
        deletes += gone.length
        changes.push({
          table: spec.table,
          columns: spec.columns,
          upserts: rows,
          deletes: gone,
          next,
        })
      }
      const tip = checkpoint?.recent.at(-1) ?? checkpoint?.final
      const hash = tip ? `${tip.number}:${tip.hash}:${checkpoint?.final?.number}` : undefined
      const saveCheckpoint = checkpoint !== undefined && tip !== undefined && hash !== savedHash
      await db.transaction(async (tx) => {
        for (const change of changes) {
          await upsert(tx, change.table, change.columns, change.upserts)
          if (change.deletes.length > 0)
            await tx.query(`DELETE FROM ${change.table} WHERE key = ANY($1::text[])`, [
              change.deletes,
            ])
        }
        if (saveCheckpoint && checkpoint && tip)
          await tx.query(
            `INSERT INTO indexer_checkpoint (id, chain_id, registry, checkpoint, indexed_block, indexed_hash, chain_head, events, updated_at)
             VALUES (1, $1, $2, $3, $4, $5, $6, $7, now())
             ON CONFLICT (id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, indexed_block = EXCLUDED.indexed_block,
               indexed_hash = EXCLUDED.indexed_hash, chain_head = EXCLUDED.chain_head,
               events = indexer_checkpoint.events + EXCLUDED.events, updated_at = now()`,
            [
              checkpoint.chainId,
              checkpoint.registry,
              serializeCheckpoint(checkpoint),
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
      for (const change of changes) known.set(change.table, change.next)
      if (saveCheckpoint) savedHash = hash
      return { upserts, deletes }
    },
  }
}

/** Inserts or updates rows, up to 20,000 parameters per statement. */
async function upsert(tx: Queryable, table: string, columns: readonly string[], rows: unknown[][]) {
  if (rows.length === 0) return
  const per = Math.max(1, Math.floor(20_000 / columns.length))
  const updates = columns
    .slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per)
    const params: unknown[] = []
    const values = chunk
      .map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`)
      .join(', ')
    await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT (key) DO UPDATE SET ${updates}`,
      params,
    )
  }
}
