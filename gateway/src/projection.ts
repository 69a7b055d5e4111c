/**
 * The SDK indexer's state (`IndexedState`) as rows of the gateway's tables. Nothing here derives
 * protocol state: each row is a record the SDK's `applyLog` built (or the SDK's own `claimable`),
 * laid out in columns to filter and sort on.
 */
import type { Queryable } from './db.js'
import { createQueries, type IndexedState } from './sdk.js'

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

/** A table the writer keeps equal to a part of the state: its columns, `key` first. */
export type TableSpec = {
  table: string
  columns: readonly string[]
  /** Rows by key; each row lists the values of `columns` after `key`. */
  rows(state: IndexedState): Map<string, unknown[]>
}

const s = (v: bigint | number) => v.toString()

/** Registration order of a model: the mint's block and log index. */
function seqOf(m: IndexedState['models'][`0x${string}`]): bigint {
  const mint = m.transfers[0]
  return mint ? mint.blockNumber * 1_048_576n + BigInt(mint.logIndex) : 0n
}

export const tables: readonly TableSpec[] = [
  {
    table: 'models',
    columns: [
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
    rows: (state) =>
      new Map(
        Object.values(state.models)
          // A mint whose `ModelRegistered` has not come yet has no id.
          .filter((m) => m.id !== undefined)
          .map((m) => [
            m.id,
            [
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
          ]),
      ),
  },
  {
    table: 'offers',
    columns: [
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
    rows: (state) =>
      new Map(
        Object.entries(state.offers).map(([k, o]) => [
          k,
          [
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
        ]),
      ),
  },
  {
    table: 'reviews',
    columns: ['key', 'model_id', 'reviewer', 'rating', 'review_cid', 'seq', 'data'],
    rows: (state) =>
      new Map(
        Object.entries(state.reviews ?? {}).map(([k, r]) => [
          k,
          [
            r.modelId,
            r.reviewer,
            r.rating,
            r.reviewCid,
            s(r.blockNumber * 1_048_576n + BigInt(r.logIndex)),
            toJson(r),
          ],
        ]),
      ),
  },
  {
    table: 'proposals',
    columns: ['key', 'id', 'proposer', 'stage', 'vote_start', 'vote_end', 'seq', 'data'],
    rows: (state) =>
      new Map(
        Object.entries(state.proposals ?? {}).map(([k, p]) => [
          k,
          [
            s(p.id),
            p.proposer,
            p.stage,
            s(p.voteStart),
            s(p.voteEnd),
            s(p.createdAt.blockNumber * 1_048_576n + BigInt(p.createdAt.logIndex)),
            toJson(p),
          ],
        ]),
      ),
  },
  {
    table: 'signed_offers',
    columns: ['key', 'data'],
    rows: (state) => new Map(Object.entries(state.signedOffers).map(([k, o]) => [k, [toJson(o)]])),
  },
  {
    table: 'licenses',
    columns: [
      'key',
      'model_id',
      'account',
      'offer_id',
      'expires_at',
      'commercial',
      'purchases',
      'data',
    ],
    rows: (state) =>
      new Map(
        Object.entries(state.licenses).map(([k, l]) => [
          k,
          [
            l.modelId,
            l.account,
            s(l.offerId),
            s(l.expiresAt),
            l.commercial,
            l.purchases.length,
            toJson(l),
          ],
        ]),
      ),
  },
  {
    table: 'splits',
    columns: ['key', 'total_weight', 'data'],
    rows: (state) =>
      new Map(Object.entries(state.splits).map(([k, sp]) => [k, [sp.totalWeight, toJson(sp)]])),
  },
  {
    table: 'claimables',
    columns: ['key', 'model_id', 'account', 'token', 'amount'],
    rows(state) {
      const queries = createQueries(() => state)
      const rows = new Map<string, unknown[]>()
      for (const split of Object.values(state.splits)) {
        const accounts = new Set(Object.keys(split.weights))
        const tokens = new Set<string>(split.tokens)
        for (const key of Object.keys(split.positions)) {
          const [account, token] = key.split(':') as [string, string]
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
              rows.set(`${split.modelId}:${account}:${token}`, [
                split.modelId,
                account,
                token,
                s(amount),
              ])
          }
      }
      return rows
    },
  },
  {
    table: 'protocol_fees',
    columns: ['key', 'treasury', 'token', 'amount'],
    rows: (state) =>
      new Map(
        Object.entries(state.protocolFees).map(([k, amount]) => {
          const [treasury, token] = k.split(':')
          return [k, [treasury, token, s(amount)]]
        }),
      ),
  },
  {
    table: 'stakers',
    columns: ['key', 'stake', 'unbonding', 'locked', 'registered_validator', 'data'],
    rows: (state) =>
      new Map(
        Object.entries(state.stakers).map(([k, st]) => [
          k,
          [
            s(st.stake),
            s(st.unbonding.reduce((sum, u) => sum + u.amount, 0n)),
            s(st.locked),
            st.registeredValidator,
            toJson(st),
          ],
        ]),
      ),
  },
  {
    table: 'sortition_weights',
    columns: ['key', 'weight'],
    rows: (state) => new Map(Object.entries(state.sortitionWeights).map(([k, w]) => [k, [s(w)]])),
  },
  {
    table: 'reputations',
    columns: ['key', 'reputation'],
    rows: (state) => new Map(Object.entries(state.reputations).map(([k, r]) => [k, [s(r)]])),
  },
  {
    table: 'rounds',
    columns: [
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
    rows: (state) =>
      new Map(
        Object.entries(state.rounds).map(([k, r]) => [
          k,
          [
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
        ]),
      ),
  },
  {
    table: 'round_members',
    columns: ['key', 'round_id', 'validator', 'state', 'score', 'reward', 'claimable'],
    rows(state) {
      const rows = new Map<string, unknown[]>()
      for (const r of Object.values(state.rounds))
        for (const m of r.members)
          rows.set(`${r.id}:${m.validator}`, [
            s(r.id),
            m.validator,
            m.state,
            m.score,
            s(m.reward),
            s(m.claimable),
          ])
      return rows
    },
  },
  {
    table: 'offences',
    columns: ['key', 'status'],
    rows: (state) => new Map(Object.entries(state.offences).map(([k, v]) => [k, [v]])),
  },
  {
    table: 'challenges',
    columns: ['key', 'accused', 'data'],
    rows: (state) =>
      new Map(Object.entries(state.challenges).map(([k, c]) => [k, [c.accused, toJson(c)]])),
  },
  {
    table: 'escrows',
    columns: ['key', 'account', 'data'],
    rows: (state) =>
      new Map(Object.entries(state.escrows).map(([k, e]) => [k, [e.account, toJson(e)]])),
  },
  {
    table: 'min_nonces',
    columns: ['key', 'nonce'],
    rows: (state) => new Map(Object.entries(state.minNonces).map(([k, n]) => [k, [s(n)]])),
  },
  {
    table: 'royalty_inboxes',
    columns: ['key', 'inbox'],
    rows: (state) => new Map(Object.entries(state.royaltyInboxes).map(([k, a]) => [k, [a]])),
  },
  {
    table: 'globals',
    columns: ['key', 'data'],
    // totals, validatorSet, marketTreasury, and any part of the state no table above holds (a
    // field the SDK gains before the gateway gives it a table of its own).
    rows: (state) =>
      new Map(
        Object.entries(state)
          .filter(([k]) => !(k in stateTables))
          .map(([k, v]) => [k, [toJson(v)]]),
      ),
  },
]

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
      const column = {
        protocol_fees: 'amount',
        sortition_weights: 'weight',
        reputations: 'reputation',
        offences: 'status',
        min_nonces: 'nonce',
        royalty_inboxes: 'inbox',
      }[table] as string
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
