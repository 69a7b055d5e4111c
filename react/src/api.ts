/**
 * A typed client of the gateway's REST API (/v1, described at /openapi.json): the shapes the hooks
 * return, and `GatewayApiError` carrying the API's problem details (RFC 9457) with the field at fault.
 */

/** An amount as the API writes it: base units, token, and `1,000 DAIMM` when the token is known. */
export type Amount = { value: string; token: string; formatted: string | null }

export type CardSummary = {
  cid: string
  /** `ok`, `pending` (not fetched yet), `mismatch` (did not hash to its CID) or `invalid`. */
  status: string
  name: string | null
  description: string | null
  author: string | null
  tags: string[]
  task: string | null
}

export type ModelSummary = {
  id: string
  owner: string
  publisher: string
  kind: 'model' | 'dataset'
  parent: string | null
  relation: string
  status: string
  registeredAt: string
  registeredAtIso: string
  artifactCid: string
  card: CardSummary
  score: number | null
  benchmarkId: string | null
  lowestPrice: Amount | null
  licenses: number
  /** Mean licensee rating (1 to 5), null without reviews. */
  rating: number | null
  ratingCount: number
}

export type Offer = {
  /** 32-byte hex, as every id the API answers. */
  id: string
  modelId: string
  seller: string
  price: Amount
  /** Seconds a license lasts (0: perpetual). */
  duration: number
  /** 0: no cap. */
  supplyCap: number
  sales: number
  commercial: boolean
  signed: boolean
  cancelled: boolean
  open: boolean
  termsCid: string
}

export type Evaluation = {
  benchmarkId: string
  score: number
  roundId: string
  bandLow: number | null
  bandHigh: number | null
  datasetCid: string
  metricId: string
}

export type ModelDetail = ModelSummary & {
  committed: boolean
  cardContent: Record<string, unknown> | null
  lineage: {
    ancestors: { id: string; relation: string; depth: number }[]
    descendants: { id: string; parent: string; relation: string; depth: number }[]
  }
  evaluations: Evaluation[]
  /** The newest 20 reviews; `reviewsNextCursor` continues at `/v1/models/{id}/reviews`. */
  reviews: {
    modelId: string
    reviewer: string
    rating: number
    reviewCid: string
    blockNumber: string
    transactionHash: string
    logIndex: number
  }[]
  reviewsNextCursor: string | null
  offers: Offer[]
  licenseCount: number
  royaltyInbox: string | null
}

export type RoundMember = {
  validator: string
  seat: number
  weight: string
  state: string
  score: number | null
  reward: Amount
  claimable: Amount
}

export type Round = {
  id: string
  subjectId: string
  kind: string
  status: 'open' | 'drawn' | 'finalized' | 'failed'
  funder: string
  benchmarkId: string
  datasetCid: string
  metricId: string
  budget: Amount
  committeeSize: number
  commitDeadline: string
  revealDeadline: string
  consensus: number | null
  bandLow: number | null
  bandHigh: number | null
  openedAtBlock: string
}

export type RoundDetail = Round & { members: RoundMember[] }

export type Account = {
  address: string
  models: { count: number; items: ModelSummary[] }
  stake: {
    active: Amount
    locked: Amount
    unbonding: { amount: Amount; releaseAt: string }[]
    withdrawn: Amount
    registeredValidator: boolean
    inValidatorSet: boolean
    sortitionWeight: string
  }
  reputation: string
  licenses: {
    modelId: string
    offerId: string
    expiresAt: string
    commercial: boolean
    purchases: number
  }[]
  claimable: { modelId: string | null; amount: Amount }[]
  rewards: { claimable: Amount; claimed: Amount }
}

export type Page<T> = { items: T[]; nextCursor: string | null }

export type ModelSort = 'newest' | 'oldest' | 'score' | 'price' | 'relevance'

/** The filters of GET /v1/models; every one optional. */
export type ModelsQuery = {
  q?: string | undefined
  kind?: 'model' | 'dataset' | undefined
  owner?: string | undefined
  parent?: string | undefined
  relation?: string | undefined
  status?: string | undefined
  /** With `benchmark`: the latest consensus on that benchmark; else the latest score. */
  minScore?: number | undefined
  benchmark?: string | undefined
  forSale?: boolean | undefined
  /** Base units of `priceToken` (default DAIMM). */
  maxPrice?: string | undefined
  priceToken?: string | undefined
  minRating?: number | undefined
  sort?: ModelSort | undefined
  limit?: number | undefined
  cursor?: string | undefined
}

export type RoundsQuery = {
  subject?: string | undefined
  status?: Round['status'] | undefined
  limit?: number | undefined
  cursor?: string | undefined
}

/** RFC 9457 problem details as the gateway sends them. */
export type Problem = {
  type: string
  title: string
  status: number
  detail?: string
  errors?: { field: string; in: string; message: string }[]
  reason?: string
}

/** A request the gateway refused or could not answer; `message` says what happened and what to do. */
export class GatewayApiError extends Error {
  override name = 'GatewayApiError'
  readonly status: number
  readonly problem: Problem | undefined
  constructor(status: number, problem: Problem | undefined, message: string) {
    super(message)
    this.status = status
    this.problem = problem
  }
  /** The query fields the gateway found at fault, by name. */
  get fields(): Record<string, string> {
    return Object.fromEntries((this.problem?.errors ?? []).map((e) => [e.field, e.message]))
  }
}

export type GatewayApi = {
  /** The API's base URL (`''` for the page's own origin). */
  readonly url: string
  listModels(query?: ModelsQuery, init?: RequestInit): Promise<Page<ModelSummary>>
  getModel(id: string, init?: RequestInit): Promise<ModelDetail>
  listRounds(query?: RoundsQuery, init?: RequestInit): Promise<Page<Round>>
  getRound(id: string, init?: RequestInit): Promise<RoundDetail>
  getAccount(address: string, init?: RequestInit): Promise<Account>
}

function search(query: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '' && value !== null) params.set(key, String(value))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * A client of the gateway API at `url` (`''`: the page's origin).
 *
 * @example
 * const api = createGatewayApi({ url: 'http://127.0.0.1:8787' })
 * const { items } = await api.listModels({ q: 'iris', forSale: true })
 */
export function createGatewayApi({
  url,
  fetch: fetchFn = globalThis.fetch.bind(globalThis),
}: {
  url: string
  fetch?: typeof fetch
}): GatewayApi {
  const base = url.replace(/\/+$/, '')
  async function get<T>(path: string, init?: RequestInit): Promise<T> {
    let response: Response
    try {
      response = await fetchFn(`${base}${path}`, {
        ...init,
        headers: { accept: 'application/json' },
      })
    } catch (cause) {
      throw new GatewayApiError(
        0,
        undefined,
        `The gateway at ${base || 'this site'} did not answer (${(cause as Error)?.message ?? cause}). Check that it is running (npm start) and reload.`,
      )
    }
    if (response.ok) return (await response.json()) as T
    let problem: Problem | undefined
    try {
      problem = (await response.json()) as Problem
    } catch {}
    const what = problem?.detail ?? problem?.title ?? `HTTP ${response.status}`
    const hint =
      response.status === 429
        ? ' Wait a moment and try again.'
        : response.status === 503
          ? ' The gateway is up but cannot reach its database or the chain; try again shortly.'
          : ''
    throw new GatewayApiError(response.status, problem, `${what}${hint}`)
  }
  return {
    url: base,
    listModels: (query = {}, init) =>
      get(
        `/v1/models${search({ ...query, forSale: query.forSale === undefined ? undefined : String(query.forSale) })}`,
        init,
      ),
    getModel: (id, init) => get(`/v1/models/${encodeURIComponent(id)}`, init),
    listRounds: (query = {}, init) => get(`/v1/rounds${search(query)}`, init),
    getRound: (id, init) => get(`/v1/rounds/${encodeURIComponent(id)}`, init),
    getAccount: (address, init) => get(`/v1/accounts/${encodeURIComponent(address)}`, init),
  }
}
