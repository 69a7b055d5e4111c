/**
 * One interface over the two databases the gateway runs on: embedded PGlite (a data directory) and
 * PostgreSQL (`DATABASE_URL`). Same SQL, same migrations.
 */
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

// numeric and bigint come back as strings: amounts are uint256.
pg.types.setTypeParser(20, (v) => v)
pg.types.setTypeParser(1700, (v) => v)

export type Row = Record<string, unknown>

export type Queryable = {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>
}

export type Db = Queryable & {
  readonly kind: 'pglite' | 'postgres'
  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Takes the session-level advisory lock `key`, waiting while another session holds it. Resolves
   * to a release function; `onLost` is called if the session holding it dies.
   */
  lock(key: number, onLost: (error: Error) => void): Promise<() => Promise<void>>
  /**
   * Calls `notice` on each notification on `channel` (PostgreSQL `LISTEN`), on a connection of its
   * own; `lost` once when that connection fails or misses a heartbeat (every `heartbeatMs`, default
   * 5 s). Resolves once listening, to a function that stops.
   */
  listen?(
    channel: string,
    handlers: {
      notice(payload: string): void
      lost(error: Error): void
      heartbeatMs?: number | undefined
    },
  ): Promise<() => Promise<void>>
  /** PGlite only: the whole database as a tarball, to open copies of it (`loadDataDir`). */
  dump?(): Promise<Blob | File>
  close(): Promise<void>
}

export type OpenDbParameters =
  | { databaseUrl: string; dataDir?: undefined; poolSize?: number | undefined }
  | {
      dataDir: string | undefined
      databaseUrl?: undefined
      /** PGlite: start from this dump (`Db.dump`) instead of an empty database. */
      loadDataDir?: Blob | File | undefined
    }

/** Opens the database: PostgreSQL when `databaseUrl` is given, else PGlite in `dataDir` (memory when undefined). */
export async function openDb(parameters: OpenDbParameters): Promise<Db> {
  return parameters.databaseUrl
    ? openPostgres(parameters.databaseUrl, parameters.poolSize ?? 10)
    : openPglite(
        parameters.dataDir,
        'loadDataDir' in parameters ? parameters.loadDataDir : undefined,
      )
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | File | undefined,
): Promise<Db> {
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
  })
  const q: Queryable = {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows
    },
  }
  // PGlite serves one query at a time: a transaction must not interleave with other queries.
  return {
    kind: 'pglite',
    query: q.query,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          async query<T extends Row>(sql: string, params: unknown[] = []) {
            return (await tx.query<T>(sql, params)).rows
          },
        }),
      ),
    async lock() {
      // One process owns a PGlite data directory: the lock is the process's.
      return async () => {}
    },
    async listen(channel, { notice }) {
      // The same process holds the only connection: it cannot be lost.
      return db.listen(channel, (payload) => notice(payload))
    },
    dump: () => db.dumpDataDir('none'),
    close: () => db.close(),
  }
}

async function openPostgres(databaseUrl: string, max: number): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 10_000,
  })
  // An idle client's connection dying must not crash the process.
  pool.on('error', () => {})
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      // A named statement: each connection parses and plans it once, then only binds and runs it.
      return (await pool.query({ name: statementName(sql), text: sql, values: params })).rows as T[]
    },
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn({
          async query<T extends Row>(sql: string, params: unknown[] = []) {
            return (await client.query(sql, params)).rows as T[]
          },
        })
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    async lock(key, onLost) {
      // A client of its own, outside the pool: the lock lives as long as its session.
      const client = new pg.Client({ connectionString: databaseUrl })
      client.on('error', (error) => onLost(error))
      await client.connect()
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key])
      } catch (error) {
        await client.end().catch(() => {})
        throw error
      }
      return async () => {
        await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {})
        await client.end().catch(() => {})
      }
    },
    async listen(channel, { notice, lost, heartbeatMs = 5000 }) {
      const client = new pg.Client({
        connectionString: databaseUrl,
        application_name: 'daimm-changes',
        connectionTimeoutMillis: 3000,
      })
      let done = false
      let heartbeat: ReturnType<typeof setInterval> | undefined
      const fail = (error: Error) => {
        if (done) return
        done = true
        clearInterval(heartbeat)
        client.end().catch(() => {})
        lost(error)
      }
      client.on('error', fail)
      client.on('end', () => fail(new Error('the listening connection ended')))
      client.on('notification', (message) => {
        if (message.channel === channel) notice(message.payload ?? '')
      })
      try {
        await client.connect()
        await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
      } catch (error) {
        done = true
        await client.end().catch(() => {})
        throw error
      }
      // A connection can die without a word (a dropped network): ask it something now and then.
      heartbeat = setInterval(() => {
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error('the listening connection stopped answering')),
            heartbeatMs,
          ).unref(),
        )
        Promise.race([client.query('SELECT 1'), timeout]).catch((error: Error) => fail(error))
      }, heartbeatMs)
      heartbeat.unref()
      return async () => {
        if (done) return
        done = true
        clearInterval(heartbeat)
        await client.end().catch(() => {})
      }
    },
    close: () => pool.end(),
  }
}

const statementNames = new Map<string, string>()

/**
 * The prepared statement's name of a query text: the API's queries are a few hundred texts (filters
 * combine), each prepared once per connection. Past 2,000 texts, new ones run unnamed.
 */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql)
  if (name === undefined && statementNames.size < 2000) {
    name = `daimm_${statementNames.size}`
    statementNames.set(sql, name)
  }
  return name
}

/** The advisory lock two migrating processes queue on (the writer's and the usage log's are their own). */
export const MIGRATION_LOCK = 7193

const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url))

/** Applies the migrations in `gateway/migrations` not applied yet, in order; returns their names. */
export async function migrate(db: Db): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d+_.*\.sql$/.test(f)).sort()
  return db.transaction(async (tx) => {
    // Two processes migrating at once: the second waits for the first (released at commit).
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const done = new Set(
      (await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map(
        (r) => r.version,
      ),
    )
    const applied: string[] = []
    for (const file of files) {
      if (done.has(file)) continue
      const sql = await readFile(migrationsDir + file, 'utf8')
      for (const statement of splitStatements(sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file])
      applied.push(file)
    }
    return applied
  })
}

/** Splits a migration at semicolons, except inside `$$ … $$` bodies (a trigger's function). */
function splitStatements(sql: string): string[] {
  const parts = sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split('$$')
  const statements: string[] = ['']
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      statements[statements.length - 1] += `$$${part}$$`
      return
    }
    const [first = '', ...rest] = part.split(';')
    statements[statements.length - 1] += first
    statements.push(...rest)
  })
  return statements.map((s) => s.trim()).filter(Boolean)
}
