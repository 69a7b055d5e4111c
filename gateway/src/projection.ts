/**
 * The SDK indexer's state (`IndexedState`) as rows of the gateway's tables. Nothing here derives
 * protocol state: each row is a record the SDK's `applyLog` built (or the SDK's own `claimable`),
 * laid out in columns to filter and sort on.
 */
import type { Queryable } from './db.js'
import { createQueries, type IndexedLog, type IndexedState, keysOf } from './sdk.js'

/**
 * A record as JSON, bigints written as `{"$bigint": "<decimal>"}` (as `serializeCheckpoint` does),
 * so that the state read back from the tables is the indexer's, bigint for bigint.
 */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v))

/** A `data` column's value with its bigints back (`$bigint` objects). */
export function reviveBigints<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map(reviveBigints) as T
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    const keys = Object.keys(o)
    if (keys.length === 1 && keys[0] === '$bigint' && typeof o.$bigint === 'string')
      return BigInt(o.$bigint) as T
    return Object.fromEntries(keys.map((k) => [k, reviveBigints(o[k])])) as T
  }
  return value as T
}

/** A `data` column's value for the API: bigints as decimal strings. */
export function plain<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map(plain) as T
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>
    const keys = Object.keys(o)
    if (keys.length === 1 && keys[0] === '$bigint') return o.$bigint as T
    return Object.fromEntries(keys.map((k) => [k, plain(o[k])])) as T
  }
  return value as T
}

/** A row of a table: its key and the values of the columns after `key`. */
export type Row = [key: string, values: unknown[]]

/**
 * A table the writer keeps equal to a part of the state: its columns, `key` first, and the rows
 * each record of the state field `field` makes. A table of one row per record has the record's
 * key as its key; one of several rows per record (`parent`) names the column holding the record's
 * key, so that the rows of a changed record are replaced together.
 */
export type TableSpec = {
  table: string
  columns: readonly string[]
  /** The state field whose records make the rows (`null`: `globals`, the single values). */
  field: string | null
  /** Several rows per record: the column with the record's key, and its SQL array type. */
  parent?: { column: string; type: string } | undefined
  /** The rows of the record at `key` of `field` (none when it is gone). */
  rowsOf(state: IndexedState, key: string): Row[]
}

const s = (v: bigint | number) => v.toString()

/** Registration order of a model: the mint's block and log index. */
function seqOf(m: IndexedState['models'][`0x${string}`]): bigint {
  const mint = m.transfers[0]
  return mint ? mint.blockNumber * 1_048_576n + BigInt(mint.logIndex) : 0n
}

/** A table of one row per record of `field`. */
function oneRow<T>(
  table: string,
  field: keyof IndexedState,
  columns: readonly string[],
  values: (record: T, key: string) => unknown[] | undefined,
): TableSpec {
  return {
    table,
    columns,
    field,
    rowsOf(state, key) {
      const record = (state[field] as Record<string, T> | undefined)?.[key]
      const row = record === undefined ? undefined : values(record, key)
      return row ? [[key, row]] : []
    },
  }
}

type St = IndexedState

export const tables: readonly TableSpec[] = [
  oneRow<St['models'][`0x${string}`]>(
    'models',
    'models',
    [
      'key',
      'owner',
      'publisher',
      'kind',
      'parent',
      'relation',
      'status',
      'committed',
      'registered_at',
      'seq',
      'artifact_cid',
      'metadata_cid',
      'score',
      'benchmark_id',
      'rating_count',
      'rating_sum',
      'data',
    ],
    // A mint whose `ModelRegistered` has not come yet has no id, and no row.
    (m) =>
      m.id === undefined
        ? undefined
        : [
            m.owner,
            m.publisher,
            m.kind,
            m.parent,
            m.relation,
            m.status,
            m.committed,
            s(m.registeredAt),
            s(seqOf(m)),
            m.artifactCid,
            m.metadataCid,
            m.evaluation?.score ?? null,
            m.evaluation?.benchmarkId ?? null,
            m.rating?.count ?? 0,
            m.rating?.sum ?? 0,
            toJson(m),
          ],
  ),
  oneRow<St['offers'][string]>(
    'offers',
    'offers',
    [
      'key',
      'id',
      'model_id',
      'seller',
      'token',
      'price',
      'duration',
      'supply_cap',
      'commercial',
      'signed',
      'cancelled',
      'sales',
      'data',
    ],
    (o) => [
      s(o.id),
      o.modelId,
      o.seller,
      o.token,
      s(o.price),
      o.duration,
      o.supplyCap,
      o.commercial,
      o.signed,
      o.cancelled,
      o.sales,
      toJson(o),
    ],
  ),
  oneRow<St['reviews'][string]>(
    'reviews',
    'reviews',
    ['key', 'model_id', 'reviewer', 'rating', 'review_cid', 'seq', 'data'],
    (r) => [
      r.modelId,
      r.reviewer,
      r.rating,
      r.reviewCid,
      s(r.blockNumber * 1_048_576n + BigInt(r.logIndex)),
      toJson(r),
    ],
  ),
  oneRow<St['proposals'][`0x${string}`]>(
    'proposals',
    'proposals',
    ['key', 'id', 'proposer', 'stage', 'vote_start', 'vote_end', 'seq', 'data'],
    (p) => [
      s(p.id),
      p.proposer,
      p.stage,
      s(p.voteStart),
      s(p.voteEnd),
      s(p.createdAt.blockNumber * 1_048_576n + BigInt(p.createdAt.logIndex)),
      toJson(p),
    ],
  ),
  oneRow<St['signedOffers'][`0x${string}`]>(
    'signed_offers',
    'signedOffers',
    ['key', 'data'],
    (o) => [toJson(o)],
  ),
  oneRow<St['licenses'][string]>(
    'licenses',
    'licenses',
    ['key', 'model_id', 'account', 'offer_id', 'expires_at', 'commercial', 'purchases', 'data'],
    (l) => [
      l.modelId,
      l.account,
      s(l.offerId),
      s(l.expiresAt),
      l.commercial,
      l.purchases.length,
      toJson(l),
    ],
  ),
  oneRow<St['splits'][`0x${string}`]>('splits', 'splits', ['key', 'total_weight', 'data'], (sp) => [
    sp.totalWeight,
    toJson(sp),
  ]),
  {
    // What each account can claim from a split, per token: the SDK's `claimable`, which reads the
    // split alone, so a split's rows change only when it does.
    table: 'claimables',
    columns: ['key', 'model_id', 'account', 'token', 'amount'],
    field: 'splits',
    parent: { column: 'model_id', type: 'text[]' },
    rowsOf(state, key) {
      const split = state.splits[key as `0x${string}`]
      if (!split) return []
      const queries = createQueries(() => state)
      const rows: Row[] = []
      const accounts = new Set(Object.keys(split.weights))
      const tokens = new Set<string>(split.tokens)
      for (const position of Object.keys(split.positions)) {
        const [account, token] = position.split(':') as [string, string]
        accounts.add(account)
        tokens.add(token)
      }
      for (const account of accounts)
        for (const token of tokens) {
          const amount = queries.claimable(
            split.modelId,
            token as `0x${string}`,
            account as `0x${string}`,
          )
          if (amount !== 0n)
            rows.push([
              `${split.modelId}:${account}:${token}`,
              [split.modelId, account, token, s(amount)],
            ])
        }
      return rows
    },
  },
  oneRow<bigint>(
    'protocol_fees',
    'protocolFees',
    ['key', 'treasury', 'token', 'amount'],
    (amount, k) => {
      const [treasury, token] = k.split(':')
      return [treasury, token, s(amount)]
    },
  ),
  oneRow<St['stakers'][`0x${string}`]>(
    'stakers',
    'stakers',
    ['key', 'stake', 'unbonding', 'locked', 'registered_validator', 'data'],
    (st) => [
      s(st.stake),
      s(st.unbonding.reduce((sum, u) => sum + u.amount, 0n)),
      s(st.locked),
      st.registeredValidator,
      toJson(st),
    ],
  ),
  oneRow<bigint>('sortition_weights', 'sortitionWeights', ['key', 'weight'], (w) => [s(w)]),
  oneRow<bigint>('reputations', 'reputations', ['key', 'reputation'], (r) => [s(r)]),
  oneRow<St['rounds'][string]>(
    'rounds',
    'rounds',
    [
      'key',
      'id',
      'subject_id',
      'kind',
      'status',
      'funder',
      'benchmark_id',
      'budget',
      'consensus',
      'opened_block',
      'data',
    ],
    (r) => [
      s(r.id),
      r.subjectId,
      r.kind,
      r.status,
      r.funder,
      r.benchmarkId,
      s(r.budget),
      r.consensus,
      s(r.openedAt.blockNumber),
      toJson(r),
    ],
  ),
  {
    table: 'round_members',
    columns: ['key', 'round_id', 'validator', 'state', 'score', 'reward', 'claimable'],
    field: 'rounds',
    parent: { column: 'round_id', type: 'numeric[]' },
    rowsOf(state, key) {
      const r = state.rounds[key]
      if (!r) return []
      return r.members.map((m) => [
        `${r.id}:${m.validator}`,
        [s(r.id), m.validator, m.state, m.score, s(m.reward), s(m.claimable)],
      ])
    },
  },
  oneRow<string>('offences', 'offences', ['key', 'status'], (v) => [v]),
  oneRow<St['challenges'][string]>('challenges', 'challenges', ['key', 'accused', 'data'], (c) => [
    c.accused,
    toJson(c),
  ]),
  oneRow<St['escrows'][string]>('escrows', 'escrows', ['key', 'account', 'data'], (e) => [
    e.account,
    toJson(e),
  ]),
  oneRow<bigint>('min_nonces', 'minNonces', ['key', 'nonce'], (n) => [s(n)]),
  oneRow<string>('royalty_inboxes', 'royaltyInboxes', ['key', 'inbox'], (a) => [a]),
  {
    table: 'globals',
    columns: ['key', 'data'],
    // totals, validatorSet, marketTreasury, quorumNumerators, and any part of the state no table
    // above holds (a field the SDK gains before the gateway gives it a table of its own).
    field: null,
    rowsOf(state, key) {
      const value = (state as Record<string, unknown>)[key]
      return key in stateTables || value === undefined ? [] : [[key, [toJson(value)]]]
    },
  },
]

/** Every row of a table, from the whole state. */
export function allRows(spec: TableSpec, state: IndexedState): Row[] {
  const keys =
    spec.field === null
      ? Object.keys(state)
      : Object.keys((state as Record<string, unknown>)[spec.field] ?? {})
  return keys.flatMap((key) => spec.rowsOf(state, key))
}

/** The state fields the tables hold one record per row of, by table. */
export const stateTables: Record<string, string> = {
  models: 'models',
  offers: 'offers',
  signedOffers: 'signed_offers',
  licenses: 'licenses',
  reviews: 'reviews',
  proposals: 'proposals',
  splits: 'splits',
  protocolFees: 'protocol_fees',
  stakers: 'stakers',
  sortitionWeights: 'sortition_weights',
  reputations: 'reputations',
  rounds: 'rounds',
  offences: 'offences',
  challenges: 'challenges',
  escrows: 'escrows',
  minNonces: 'min_nonces',
  royaltyInboxes: 'royalty_inboxes',
}

/** Tables whose rows are the SDK's own records, in `data`. */
const dataTables = new Set([
  'models',
  'offers',
  'signed_offers',
  'licenses',
  'reviews',
  'proposals',
  'splits',
  'stakers',
  'rounds',
  'challenges',
  'escrows',
])

/** The column holding the value of tables of one value per record (not `data`). */
const valueColumns: Record<string, string> = {
  protocol_fees: 'amount',
  sortition_weights: 'weight',
  reputations: 'reputation',
  offences: 'status',
  min_nonces: 'nonce',
  royalty_inboxes: 'inbox',
}

/**
 * Loads into `state` the records `keysOf` names for `logs` that it lacks, from the tables (which
 * hold every record losslessly: the SDK's record in `data`, or the one value of the value tables):
 * what a writer keeping only part of the state in memory does before the SDK indexer applies them
 * (its `prepare`). The keys in `changed` are not loaded: the state is authoritative for what
 * changed since the tables were written (one it lacks was deleted). The single-value fields are
 * kept in memory, not loaded. Returns how many records were loaded.
 */
export async function loadRecords(
  db: Queryable,
  state: IndexedState,
  logs: readonly IndexedLog[],
  changed: { keys: ReadonlyMap<string, ReadonlySet<string>> },
): Promise<number> {
  const wanted = new Map<string, Set<string>>()
  const records = state as unknown as Record<string, Record<string, unknown>>
  for (const log of logs)
    for (const [field, key] of keysOf(log).records) {
      if (Object.hasOwn(records[field] ?? {}, key) || changed.keys.get(field)?.has(key)) continue
      let keys = wanted.get(field)
      if (!keys) {
        keys = new Set()
        wanted.set(field, keys)
      }
      keys.add(key)
    }
  let loaded = 0
  for (const [field, keys] of wanted) {
    const table = stateTables[field]
    if (!table) continue
    records[field] ??= {}
    const record = records[field] as Record<string, unknown>
    if (dataTables.has(table)) {
      for (const row of await db.query<{ key: string; data: unknown }>(
        `SELECT key, data FROM ${table} WHERE key = ANY($1::text[])`,
        [[...keys]],
      )) {
        record[row.key] = reviveBigints(row.data)
        loaded++
      }
    } else {
      const column = valueColumns[table] as string
      const bigints = column !== 'status' && column !== 'inbox'
      for (const row of await db.query<{ key: string; v: string }>(
        `SELECT key, ${column}::text AS v FROM ${table} WHERE key = ANY($1::text[])`,
        [[...keys]],
      )) {
        record[row.key] = bigints ? BigInt(row.v) : row.v
        loaded++
      }
    }
  }
  return loaded
}

/**
 * Drops from `state` the records the tables hold (after they were written), keeping the
 * single-value fields and the mints whose `ModelRegistered` has not come (they have no row yet):
 * the working set stays bounded by what one sync touches. Returns how many records are left.
 */
export function dropRecords(state: IndexedState): number {
  let left = 0
  const records = state as unknown as Record<string, Record<string, unknown>>
  for (const field of Object.keys(stateTables)) {
    const record = records[field]
    if (!record) continue
    for (const key of Object.keys(record)) {
      if (field === 'models' && (record[key] as { id?: unknown }).id === undefined) left++
      else delete record[key]
    }
  }
  return left
}

/** How many records of the record fields `state` holds in memory. */
export const recordCount = (state: IndexedState): number =>
  Object.keys(stateTables).reduce(
    (sum, field) =>
      sum + Object.keys((state as unknown as Record<string, object>)[field] ?? {}).length,
    0,
  )

/**
 * The state as the tables hold it: what the API serves, rebuilt into the SDK's `IndexedState` (the
 * agreement tests compare it with the contracts' views).
 */
export async function readState(db: Queryable): Promise<IndexedState> {
  const state: Record<string, unknown> = {}
  for (const [field, table] of Object.entries(stateTables)) {
    const record: Record<string, unknown> = {}
    if (dataTables.has(table)) {
      for (const row of await db.query<{ key: string; data: unknown }>(
        `SELECT key, data FROM ${table}`,
      ))
        record[row.key] = reviveBigints(row.data)
    } else {
      const column = valueColumns[table] as string
      const bigints = column !== 'status' && column !== 'inbox'
      for (const row of await db.query<Record<string, string>>(
        `SELECT key, ${column} AS v FROM ${table}`,
      ))
        record[row.key as string] = bigints ? BigInt(row.v as string) : row.v
    }
    state[field] = record
  }
  for (const row of await db.query<{ key: string; data: unknown }>('SELECT key, data FROM globals'))
    state[row.key] = reviveBigints(row.data)
  return state as IndexedState
}
