/**
 * The API's response cache: public GET answers kept in memory until the indexed state changes, not
 * for a time. Whoever changes it says so (`announceChanges`, in the transaction that writes): to the
 * writing process directly (`withChangeNotices` wraps the database the writer and the card fetcher
 * write through), and to other processes with PostgreSQL's `NOTIFY` on `CHANGES_CHANNEL`, which
 * their `followChanges` listens to. Nothing is inferred from the SQL: a read, or a write nobody
 * announces, leaves the answers alone. While an API process does not listen (its connection was
 * lost, not reconnected yet) its cache is off: it never answers from memory what it could not have
 * known to drop.
 */
import type { Db, Queryable, Row } from '../db.js'

/** The PostgreSQL notification channel that says "the indexed state changed". */
export const CHANGES_CHANNEL = 'daimm_changes'

export type CachedAnswer = { body: string; type: string; etag: string }

export type ResponseCache = {
  /** Whether answers may be served from memory and kept (false while changes cannot be heard). */
  readonly enabled: boolean
  /** Counts changes: an answer computed while one happened is not kept. */
  readonly generation: number
  get(key: string): CachedAnswer | undefined
  /** Keeps an answer computed from the state of `generation` (dropped when that is not current). */
  set(key: string, generation: number, answer: CachedAnswer): void
  /** The indexed state changed: every answer goes. */
  invalidate(): void
  /** Changes can no longer be heard: stop serving from memory (and forget everything). */
  suspend(reason: string): void
  /** Changes are heard again: serve from memory again, from scratch (changes may have been missed). */
  resume(): void
  stats(): { enabled: boolean; entries: number; bytes: number; hits: number; misses: number }
}

export type ResponseCacheOptions = {
  /** Answers kept at most (the least recently used goes first); default 10,000. */
  maxEntries?: number | undefined
  /** Bytes of answers kept at most; default 64 MiB. */
  maxBytes?: number | undefined
  /** Whether it serves from the start (default true; false until a `followChanges` listens). */
  enabled?: boolean | undefined
}

export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const maxEntries = options.maxEntries ?? 10_000
  const maxBytes = options.maxBytes ?? 64 * 2 ** 20
  const entries = new Map<string, CachedAnswer>()
  let bytes = 0
  let enabled = options.enabled ?? true
  let generation = 0
  let hits = 0
  let misses = 0
  const clear = () => {
    generation++
    entries.clear()
    bytes = 0
  }
  return {
    get enabled() {
      return enabled
    },
    get generation() {
      return generation
    },
    get(key) {
      if (!enabled) return undefined
      const hit = entries.get(key)
      if (!hit) {
        misses++
        return undefined
      }
      hits++
      // Most recently used last: the first entry is the one to evict.
      entries.delete(key)
      entries.set(key, hit)
      return hit
    },
    set(key, at, answer) {
      if (!enabled || at !== generation) return
      const size = answer.body.length * 2
      if (size > maxBytes / 16) return
      const old = entries.get(key)
      if (old) {
        bytes -= old.body.length * 2
        entries.delete(key)
      }
      while (entries.size >= maxEntries || (bytes + size > maxBytes && entries.size > 0)) {
        const [first, value] = entries.entries().next().value as [string, CachedAnswer]
        entries.delete(first)
        bytes -= value.body.length * 2
      }
      entries.set(key, answer)
      bytes += size
    },
    invalidate: clear,
    suspend() {
      enabled = false
      clear()
    },
    resume() {
      clear()
      enabled = true
    },
    stats: () => ({ enabled, entries: entries.size, bytes, hits, misses }),
  }
}

/** Where a handle of `withChangeNotices` keeps its announcer (see `announceChanges`). */
const ANNOUNCE = Symbol('daimm.announceChanges')

type Announcing = Queryable & { [ANNOUNCE]?: () => Promise<void> }

/**
 * Says that what was just written through `q` changes data a cached answer reads (the indexer's
 * tables, the cards). Writers call it themselves, when they know they changed something: a statement
 * that changed nothing, and the tables no cached route reads (the usage log, nonces, content keys,
 * usage anchors; see `CACHEABLE` in app.ts), are no change. Through a transaction of
 * `withChangeNotices`, it sends `NOTIFY` in that transaction (delivered at its commit) and drops the
 * answers once it ends; through the database itself, at once. Through any other handle (a test's, a
 * benchmark's): nothing to tell.
 */
export function announceChanges(q: Queryable): Promise<void> {
  return (q as Announcing)[ANNOUNCE]?.() ?? Promise.resolve()
}

/**
 * The database, and the transactions it runs, able to `announceChanges`: `changed()` in this
 * process, and on PostgreSQL `NOTIFY` on `CHANGES_CHANNEL` to the API processes elsewhere. A
 * transaction that announced calls `changed()` when it ends, committed or failed (its outcome may be
 * unknown).
 */
export function withChangeNotices(db: Db, changed: () => void): Db {
  const notify = db.kind === 'postgres'
  const wrapped: Db & Announcing = {
    ...db,
    async [ANNOUNCE]() {
      changed()
      if (notify) await notifyChanges(db).catch(() => {})
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      let announced = false
      try {
        return await db.transaction((tx) => {
          const handle: Announcing = {
            query: <R extends Row>(sql: string, params?: unknown[]) => tx.query<R>(sql, params),
            async [ANNOUNCE]() {
              if (announced) return
              announced = true
              if (notify) await notifyChanges(tx)
            },
          }
          return fn(handle)
        })
      } finally {
        if (announced) changed()
      }
    },
  }
  return wrapped
}

/** Tells the API processes listening on `CHANGES_CHANNEL` that the state changed. */
function notifyChanges(db: Queryable): Promise<unknown> {
  return db.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, ''])
}

export type ChangeFollower = { stop(): Promise<void> }

/**
 * Keeps `cache` exact for an API process on PostgreSQL: listens on `CHANGES_CHANNEL` on a
 * connection of its own and drops every answer on each notice. The cache serves only while that
 * connection is up: it is off until the first `LISTEN` succeeds, and goes off (emptied) when the
 * connection is lost or stops answering a heartbeat, until a new one listens.
 */
export function followChanges(
  db: Db,
  cache: ResponseCache,
  options: { heartbeatMs?: number | undefined; log?: ((line: string) => void) | undefined } = {},
): ChangeFollower {
  const log = options.log ?? (() => {})
  cache.suspend('not listening yet')
  if (!db.listen) return { stop: async () => {} }
  let stopped = false
  let close: (() => Promise<void>) | undefined
  let retry: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  const connect = async () => {
    retry = undefined
    if (stopped) return
    let lost = false
    const onLost = (error: Error) => {
      if (lost || stopped) return
      lost = true
      cache.suspend(error.message)
      log(`response cache off: the change feed was lost (${error.message.split('\n')[0]})`)
      void close?.().catch(() => {})
      close = undefined
      retry = setTimeout(connect, Math.min(5000, 100 * 2 ** attempt++))
    }
    try {
      const unlisten = await (db.listen as NonNullable<Db['listen']>)(CHANGES_CHANNEL, {
        notice: () => cache.invalidate(),
        lost: onLost,
        heartbeatMs: options.heartbeatMs,
      })
      if (stopped || lost) return void (await unlisten().catch(() => {}))
      close = unlisten
      if (attempt > 0) log('response cache on: the change feed is back')
      attempt = 0
      cache.resume()
    } catch (error) {
      onLost(error as Error)
    }
  }
  void connect()
  return {
    async stop() {
      stopped = true
      if (retry) clearTimeout(retry)
      cache.suspend('stopped')
      await close?.().catch(() => {})
    },
  }
}
