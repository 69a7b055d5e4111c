/**
 * Model cards: fetched by CID from the configured store or IPFS gateway through the SDK's verified
 * readers (bytes that do not hash to the CID are refused), then indexed for full-text search.
 */
import { hexToBytes } from 'viem'
import { announceChanges } from './api/cache.js'
import type { Db } from './db.js'
import { CID, CidMismatchError, type ContentReader } from './sdk.js'

export type CardFetcherParameters = {
  db: Db
  reader: ContentReader
  /** Milliseconds between rounds (default 1,000). */
  pollingInterval?: number | undefined
  /** Per card (default 10 s). */
  timeoutMs?: number | undefined
  /** Cards larger than this are refused as invalid (default 256 KiB). */
  maxBytes?: number | undefined
}

export type CardFetcher = {
  /** Fetches what is due now; resolves to the number of cards handled. */
  runOnce(): Promise<number>
  stop(): Promise<void>
}

/** The CID string of a CID the registry stores as bytes (hex). */
export function cidOfBytes(hex: string): string {
  return CID.decode(hexToBytes(hex as `0x${string}`)).toString()
}

const text = (value: unknown, max = 4000): string | null =>
  typeof value === 'string' ? value.slice(0, max) : null

/** The searchable fields of a card (a JSON object; unknown fields are kept in `card` only). */
export function cardFields(card: Record<string, unknown>) {
  const author =
    text(card.author) ??
    text((card.author as { name?: unknown } | undefined)?.name) ??
    text(card.publisher)
  const tags = Array.isArray(card.tags)
    ? card.tags.filter((t): t is string => typeof t === 'string').slice(0, 50)
    : []
  const license = text(card.license) ?? text((card.license as { text?: unknown } | undefined)?.text)
  return {
    name: text(card.name, 200),
    description: text(card.description),
    author,
    tags: tags.join(' '),
    task: text(card.task, 200),
    license,
  }
}

export function startCardFetcher(parameters: CardFetcherParameters): CardFetcher {
  const { db, reader } = parameters
  const interval = parameters.pollingInterval ?? 1000
  const timeoutMs = parameters.timeoutMs ?? 10_000
  const maxBytes = parameters.maxBytes ?? 256 * 1024
  let stopped = false
  let wake: (() => void) | undefined

  async function fetchOne(cid: string, attempts: number) {
    let status: 'ok' | 'pending' | 'mismatch' | 'invalid'
    let error: string | null = null
    let card: Record<string, unknown> | null = null
    try {
      const bytes = await reader.get(cidOfBytes(cid), { signal: AbortSignal.timeout(timeoutMs) })
      if (bytes.length > maxBytes) throw new SyntaxError(`larger than ${maxBytes} bytes`)
      let decoded: string
      try {
        decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        throw new SyntaxError('not UTF-8 text')
      }
      const parsed = JSON.parse(decoded)
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new SyntaxError('not a JSON object')
      card = parsed
      status = 'ok'
    } catch (e) {
      error = ((e as Error)?.message ?? String(e)).split('\n')[0] ?? null
      status =
        e instanceof CidMismatchError
          ? 'mismatch'
          : e instanceof SyntaxError
            ? 'invalid'
            : 'pending'
    }
    const fields = card
      ? cardFields(card)
      : { name: null, description: null, author: null, tags: null, task: null, license: null }
    // Not found: again after 2^attempts seconds, at most an hour.
    const backoff = Math.min(3600, 2 ** Math.min(attempts, 12))
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE cards SET status = $2, card = $3, name = $4, description = $5, author = $6, tags = $7,
         task = $8, license = $9, error = $10, attempts = attempts + 1,
         next_attempt = now() + make_interval(secs => $11), fetched_at = CASE WHEN $2 = 'ok' THEN now() ELSE fetched_at END
       WHERE cid = $1`,
        [
          cid,
          status,
          card ? JSON.stringify(card) : null,
          fields.name,
          fields.description,
          fields.author,
          fields.tags,
          fields.task,
          fields.license,
          error,
          backoff,
        ],
      )
      await announceChanges(tx)
    })
  }

  async function runOnce(): Promise<number> {
    await db.transaction(async (tx) => {
      const added = await tx.query(
        `INSERT INTO cards (cid, status) SELECT DISTINCT metadata_cid, 'pending' FROM models
         WHERE NOT EXISTS (SELECT 1 FROM cards c WHERE c.cid = models.metadata_cid) ON CONFLICT DO NOTHING
         RETURNING cid`,
      )
      // A pass with no new model changes nothing (and keeps the API's cached answers).
      if (added.length > 0) await announceChanges(tx)
    })
    const due = await db.query<{ cid: string; attempts: number }>(
      `SELECT cid, attempts FROM cards WHERE status = 'pending' AND next_attempt <= now()
       ORDER BY next_attempt LIMIT 16`,
    )
    await Promise.all(due.map((row) => fetchOne(row.cid, row.attempts)))
    return due.length
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        // Keep going while there is a backlog.
        while (!stopped && (await runOnce()) > 0) {}
      } catch {
        // The database is away: try again next round.
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })()

  return {
    runOnce,
    async stop() {
      stopped = true
      wake?.()
      await loop
    },
  }
}
