/** /v1/models: search and filter models; one model with its card, lineage, evaluations, offers. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Queryable } from '../db.js'
import { plain } from '../projection.js'
import { modelStatuses, relations } from '../sdk.js'
import type { ApiContext } from './context.js'
import {
  AddressParam,
  AmountSchema,
  agreedDigest,
  amount,
  CursorParam,
  decodeCursor,
  encodeCursor,
  Hex32Param,
  IdParam,
  idKey,
  isoOf,
  LimitParam,
  safeCid,
  UintParam,
} from './format.js'
import { OfferSchema, offerOf } from './offers.js'
import { BAD_CURSOR, badCursor, listById } from './pages.js'
import { problem, problemResponse } from './problem.js'

const CardSummarySchema = z
  .object({
    cid: z.string(),
    /** `ok`, or `pending` (not fetched yet), `mismatch` (did not hash to its CID), `invalid`. */
    status: z.string(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    author: z.string().nullable(),
    tags: z.array(z.string()),
    task: z.string().nullable(),
  })
  .openapi('CardSummary')

export const ModelSummarySchema = z
  .object({
    id: z.string().openapi({ example: `0x${'ab'.repeat(32)}` }),
    owner: z.string(),
    publisher: z.string(),
    kind: z.enum(['model', 'dataset']),
    parent: z.string().nullable(),
    relation: z.string(),
    status: z.string(),
    registeredAt: z.string().openapi({ description: 'seconds since the epoch' }),
    registeredAtIso: z.string(),
    artifactCid: z.string(),
    card: CardSummarySchema,
    /** Latest evaluation. */
    score: z.number().int().nullable(),
    benchmarkId: z.string().nullable(),
    /** The cheapest open offer, if any. */
    lowestPrice: AmountSchema.nullable(),
    licenses: z.number().int(),
    /** Mean licensee rating (1 to 5), null without reviews (`Marketplace.ratingOf`). */
    rating: z.number().nullable(),
    ratingCount: z.number().int(),
  })
  .openapi('ModelSummary')

export const ReviewSchema = z
  .object({
    modelId: z.string(),
    reviewer: z.string(),
    /** 1 to 5; a licensee's latest review replaces the earlier one. */
    rating: z.number().int(),
    /** CIDv1 of the review's JSON document (`reviewDocument`): its text. */
    reviewCid: z.string(),
    blockNumber: z.string(),
    transactionHash: z.string(),
    logIndex: z.number().int(),
  })
  .openapi('Review')

type ReviewData = {
  modelId: string
  reviewer: string
  rating: number
  reviewCid: string
  blockNumber: string
  transactionHash: string
  logIndex: number
}

export const reviewOf = (r: ReviewData): z.infer<typeof ReviewSchema> => ({
  modelId: r.modelId,
  reviewer: r.reviewer,
  rating: Number(r.rating),
  reviewCid: safeCid(r.reviewCid),
  blockNumber: String(r.blockNumber),
  transactionHash: r.transactionHash,
  logIndex: Number(r.logIndex),
})

export const ReviewPageSchema = z
  .object({ items: z.array(ReviewSchema), nextCursor: z.string().nullable() })
  .openapi('ReviewPage')

const EvaluationSchema = z
  .object({
    benchmarkId: z.string(),
    score: z.number().int(),
    roundId: z.string(),
    bandLow: z.number().int().nullable(),
    bandHigh: z.number().int().nullable(),
    datasetCid: z.string(),
    metricId: z.string(),
    /** The evaluation digest the committee agreed on (more than half the in-band revealed weight); null without a majority. */
    digest: z.string().nullable(),
  })
  .openapi('Evaluation')

const ModelDetailSchema = ModelSummarySchema.extend({
  committed: z.boolean(),
  cardContent: z.record(z.string(), z.unknown()).nullable(),
  lineage: z.object({
    /** Parent first, up to 64. */
    ancestors: z.array(z.object({ id: z.string(), relation: z.string(), depth: z.number().int() })),
    /** Every descendant (up to 1,000), nearest first. */
    descendants: z.array(
      z.object({
        id: z.string(),
        parent: z.string(),
        relation: z.string(),
        depth: z.number().int(),
      }),
    ),
  }),
  evaluations: z.array(EvaluationSchema),
  /** The newest reviews (up to 20); `/v1/models/{id}/reviews` pages through all of them. */
  reviews: z.array(ReviewSchema),
  reviewsNextCursor: z.string().nullable(),
  offers: z.array(OfferSchema),
  licenseCount: z.number().int(),
  split: z
    .object({
      totalWeight: z.number().int(),
      weights: z.record(z.string(), z.number()),
      tokens: z.array(z.string()),
      revenue: z.array(
        z.object({
          token: z.string(),
          deposited: AmountSchema,
          sales: AmountSchema,
          royalties: AmountSchema,
          claimed: AmountSchema,
        }),
      ),
    })
    .nullable(),
  royaltyInbox: z.string().nullable(),
  metadataHistory: z.array(z.unknown()),
  transfers: z.array(z.unknown()),
}).openapi('ModelDetail')

const sorts = ['newest', 'oldest', 'score', 'price', 'rating', 'relevance'] as const

const ListQuery = z.object({
  owner: AddressParam.optional(),
  kind: z.enum(['model', 'dataset']).optional(),
  parent: IdParam.optional(),
  relation: z.enum(relations).optional(),
  status: z.enum(modelStatuses).optional(),
  minScore: z.coerce.number().int('an integer').min(0).max(10_000).optional(),
  benchmark: Hex32Param.optional().openapi({
    description: 'with minScore: the latest evaluation on this benchmark',
  }),
  forSale: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'has an open offer (not cancelled, supply left)' }),
  maxPrice: UintParam.optional().openapi({
    description: 'an open offer at most this price, in base units of priceToken',
  }),
  priceToken: AddressParam.optional().openapi({ description: 'token of maxPrice (default DAIMM)' }),
  minRating: z.coerce.number().min(0).max(5).optional().openapi({
    description: 'mean licensee rating at least this (models without reviews are left out)',
  }),
  q: z.string().min(1).max(200).optional().openapi({
    description: 'full text over the card: name, description, author, tags, task, license',
  }),
  sort: z.enum(sorts).optional(),
  limit: LimitParam,
  cursor: CursorParam,
})

const listRoute = createRoute({
  method: 'get',
  path: '/v1/models',
  summary: 'Search and filter models',
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of models',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(ModelSummarySchema),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    400: problemResponse('A malformed parameter'),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

const getRoute = createRoute({
  method: 'get',
  path: '/v1/models/{id}',
  summary: 'One model: record, card, lineage, evaluations, offers, licenses, split',
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: {
      description: 'The model',
      content: { 'application/json': { schema: ModelDetailSchema } },
    },
    400: problemResponse('A malformed id'),
    404: problemResponse('No such model'),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

/** Columns of a model summary (`models m LEFT JOIN cards c`). */
export const SUMMARY = `m.key, m.owner, m.publisher, m.kind, m.parent, m.relation, m.status, m.registered_at,
  m.seq, m.artifact_cid, m.metadata_cid, m.score, m.benchmark_id,
  c.status AS card_status, c.name, c.description, c.author, c.tags, c.task,
  (SELECT o.price::text || ':' || o.token FROM offers o WHERE o.model_id = m.key AND NOT o.cancelled
     AND (o.supply_cap = 0 OR o.sales < o.supply_cap) ORDER BY o.price LIMIT 1) AS lowest,
  (SELECT count(*)::int FROM licenses l WHERE l.model_id = m.key) AS license_count,
  m.rating, m.rating_count`

type SummaryRow = Record<string, unknown> & { key: string; seq: string }

export function summaryOf(row: SummaryRow, context: ApiContext) {
  const lowest = row.lowest as string | null
  const [price, token] = lowest ? lowest.split(':') : []
  return {
    id: row.key,
    owner: row.owner as string,
    publisher: row.publisher as string,
    kind: row.kind as 'model' | 'dataset',
    parent: row.parent as string | null,
    relation: row.relation as string,
    status: row.status as string,
    registeredAt: String(row.registered_at),
    registeredAtIso: isoOf(row.registered_at as string),
    artifactCid: safeCid(row.artifact_cid as string),
    card: {
      cid: safeCid(row.metadata_cid as string),
      status: (row.card_status as string | null) ?? 'pending',
      name: (row.name as string | null) ?? null,
      description: (row.description as string | null) ?? null,
      author: (row.author as string | null) ?? null,
      tags: row.tags ? String(row.tags).split(' ').filter(Boolean) : [],
      task: (row.task as string | null) ?? null,
    },
    score: (row.score as number | null) ?? null,
    benchmarkId: (row.benchmark_id as string | null) ?? null,
    lowestPrice: price && token ? amount(price, token, context.tokens) : null,
    licenses: Number(row.license_count ?? 0),
    rating: row.rating === null || row.rating === undefined ? null : Number(row.rating),
    ratingCount: Number(row.rating_count ?? 0),
  }
}

const OPEN_OFFER = `o.model_id = m.key AND NOT o.cancelled AND (o.supply_cap = 0 OR o.sales < o.supply_cap)`

export function modelRoutes(app: OpenAPIHono, context: ApiContext) {
  const { db } = context

  app.openapi(listRoute, async (c) => {
    const query = c.req.valid('query')
    if (query.benchmark !== undefined && query.minScore === undefined)
      return problem(c, 400, 'benchmark: give minScore with it.', {
        errors: [{ field: 'benchmark', in: 'query', message: 'needs minScore' }],
      })
    const sort = query.sort ?? (query.q ? 'relevance' : 'newest')
    if (sort === 'relevance' && !query.q)
      return problem(c, 400, 'sort: relevance needs q.', {
        errors: [{ field: 'sort', in: 'query', message: 'relevance needs q' }],
      })
    const params: unknown[] = []
    const p = (v: unknown) => `$${params.push(v)}`
    const where: string[] = []
    if (query.owner) where.push(`m.owner = ${p(query.owner)}`)
    if (query.kind) where.push(`m.kind = ${p(query.kind)}`)
    if (query.parent) where.push(`m.parent = ${p(idKey(query.parent))}`)
    if (query.relation) where.push(`m.relation = ${p(query.relation)}`)
    if (query.status) where.push(`m.status = ${p(query.status)}`)
    if (query.minScore !== undefined) {
      if (query.benchmark)
        where.push(`(SELECT r.consensus FROM rounds r WHERE r.subject_id = m.key AND r.status = 'finalized'
          AND r.benchmark_id = ${p(query.benchmark)} ORDER BY r.id DESC LIMIT 1) >= ${p(query.minScore)}`)
      else where.push(`m.score >= ${p(query.minScore)}`)
    }
    if (query.minRating !== undefined) where.push(`m.rating >= ${p(query.minRating)}::float8`)
    if (query.forSale === 'true') where.push(`EXISTS (SELECT 1 FROM offers o WHERE ${OPEN_OFFER})`)
    if (query.forSale === 'false')
      where.push(`NOT EXISTS (SELECT 1 FROM offers o WHERE ${OPEN_OFFER})`)
    if (query.maxPrice !== undefined)
      where.push(`EXISTS (SELECT 1 FROM offers o WHERE ${OPEN_OFFER}
        AND o.token = ${p(query.priceToken ?? context.tokens.daimm)} AND o.price <= ${p(query.maxPrice)})`)
    let rank = 'NULL::float8'
    if (query.q) {
      const tsq = `websearch_to_tsquery('english', ${p(query.q)})`
      where.push(`c.search @@ ${tsq}`)
      rank = `ts_rank(c.search, ${tsq})::float8`
    }
    // Keyset pagination: (sort value, seq) of the last row.
    const key: Record<(typeof sorts)[number], { expr: string; dir: 'ASC' | 'DESC' }> = {
      newest: { expr: 'm.seq', dir: 'DESC' },
      oldest: { expr: 'm.seq', dir: 'ASC' },
      score: { expr: 'coalesce(m.score, -1)', dir: 'DESC' },
      price: {
        expr: `coalesce((SELECT min(o.price) FROM offers o WHERE ${OPEN_OFFER}), 1e78)`,
        dir: 'ASC',
      },
      rating: { expr: 'coalesce(m.rating, 0)', dir: 'DESC' },
      relevance: { expr: rank, dir: 'DESC' },
    }
    const { expr, dir } = key[sort]
    const cursor = decodeCursor(query.cursor)
    if (query.cursor !== undefined) {
      if (cursor?.length !== 3 || cursor[0] !== sort)
        return problem(c, 400, 'cursor: not a cursor of this sort.', {
          errors: [{ field: 'cursor', in: 'query', message: 'not a cursor of this sort' }],
        })
      const op = dir === 'DESC' ? '<' : '>'
      const cast = sort === 'relevance' || sort === 'rating' ? '::float8' : '::numeric'
      where.push(`(${expr}, m.seq) ${op} (${p(cursor[1])}${cast}, ${p(cursor[2])}::bigint)`)
    }
    const rows = await db.query<SummaryRow & { sort_value: unknown }>(
      `SELECT ${SUMMARY}, ${expr} AS sort_value FROM models m LEFT JOIN cards c ON c.cid = m.metadata_cid
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${expr} ${dir}, m.seq ${dir} LIMIT ${p(query.limit + 1)}`,
      params,
    )
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor([sort, sortValue(last.sort_value), String(last.seq)])
        : null
    return c.json({ items: page.map((row) => summaryOf(row, context)), nextCursor }, 200)
  })

  app.openapi(getRoute, async (c) => {
    const id = idKey(c.req.valid('param').id)
    // One query for the whole page: under load, each round trip to the database costs more than
    // the queries themselves (EXPLAIN ANALYZE: about 2 ms for all of them).
    const [row] = await db.query<
      SummaryRow & {
        data: unknown
        card: unknown
        ancestors: { id: string; relation: string; depth: number }[]
        descendants: { id: string; parent: string; relation: string; depth: number }[]
        evaluations: unknown[]
        offers: unknown[]
        split: unknown
        inbox: string | null
        reviews: { seq: string; data: unknown }[]
      }
    >(
      `SELECT ${SUMMARY}, m.data, c.card,
         (WITH RECURSIVE up(id, parent, relation, depth) AS (
            SELECT u.key, u.parent, u.relation, 0 FROM models u WHERE u.key = $1
            UNION ALL
            SELECT u.key, u.parent, u.relation, up.depth + 1 FROM models u JOIN up ON u.key = up.parent
            WHERE up.depth < 64)
          SELECT coalesce(json_agg(json_build_object('id', id, 'relation', relation, 'depth', depth)
            ORDER BY depth), '[]') FROM up WHERE depth > 0) AS ancestors,
         (WITH RECURSIVE down(id, parent, relation, depth) AS (
            SELECT d.key, d.parent, d.relation, 1 FROM models d WHERE d.parent = $1
            UNION ALL
            SELECT d.key, d.parent, d.relation, down.depth + 1 FROM models d JOIN down ON d.parent = down.id
            WHERE down.depth < 64)
          SELECT coalesce(json_agg(json_build_object('id', id, 'parent', parent, 'relation', relation,
            'depth', depth) ORDER BY depth, id), '[]')
          FROM (SELECT * FROM down ORDER BY depth, id LIMIT 1000) x) AS descendants,
         (SELECT coalesce(json_agg(r.data ORDER BY r.id DESC), '[]') FROM rounds r
          WHERE r.subject_id = $1 AND r.status = 'finalized') AS evaluations,
         (SELECT coalesce(json_agg(o.data ORDER BY o.id DESC), '[]')
          FROM (SELECT id, data FROM offers WHERE model_id = $1 ORDER BY id DESC LIMIT 100) o) AS offers,
         (SELECT data FROM splits WHERE key = $1) AS split,
         (SELECT inbox FROM royalty_inboxes WHERE key = $1) AS inbox,
         (SELECT coalesce(json_agg(json_build_object('seq', v.seq::text, 'data', v.data) ORDER BY v.seq DESC), '[]')
          FROM (SELECT seq, data FROM reviews WHERE model_id = $1 ORDER BY seq DESC LIMIT 21) v) AS reviews
       FROM models m LEFT JOIN cards c ON c.cid = m.metadata_cid WHERE m.key = $1`,
      [id],
    )
    if (!row) return problem(c, 404, `No model ${id}.`)
    const data = plain<Record<string, unknown>>(row.data)
    const { ancestors, descendants } = row
    const evaluations = row.evaluations.map((data) => ({ data }))
    const offers = row.offers.map((data) => ({ data }))
    const split = row.split ? [{ data: row.split }] : []
    const inbox = row.inbox ? [{ inbox: row.inbox }] : []
    const shown = row.reviews.slice(0, 20)
    const reviews = {
      items: shown.map((r) => reviewOf(plain<ReviewData>(r.data))),
      nextCursor: row.reviews.length > 20 ? encodeCursor([shown.at(-1)?.seq]) : null,
    }
    const splitData = split[0]
      ? plain<{
          totalWeight: number
          weights: Record<string, number>
          tokens: string[]
          revenue: Record<string, Record<string, string>>
        }>(split[0].data)
      : null
    const a = (value: string | undefined, token: string) =>
      amount(value ?? '0', token, context.tokens)
    return c.json(
      {
        ...summaryOf(row, context),
        committed: Boolean(data.committed),
        cardContent: (row.card as Record<string, unknown> | null) ?? null,
        lineage: {
          ancestors: ancestors.map((r) => ({
            id: r.id,
            relation: r.relation,
            depth: Number(r.depth),
          })),
          descendants: descendants.map((r) => ({ ...r, depth: Number(r.depth) })),
        },
        evaluations: evaluations.map((r) => {
          const round = plain<Record<string, string | number | null>>(r.data)
          return {
            benchmarkId: String(round.benchmarkId),
            score: Number(round.consensus),
            roundId: idKey(String(round.id)),
            bandLow: round.bandLow === null ? null : Number(round.bandLow),
            bandHigh: round.bandHigh === null ? null : Number(round.bandHigh),
            datasetCid: safeCid(String(round.datasetCid)),
            metricId: String(round.metricId),
            digest: agreedDigest(round.digest),
          }
        }),
        reviews: reviews.items,
        reviewsNextCursor: reviews.nextCursor,
        offers: offers.map((r) => offerOf(plain(r.data), context)),
        licenseCount: Number(row.license_count ?? 0),
        split: splitData
          ? {
              totalWeight: splitData.totalWeight,
              weights: splitData.weights,
              tokens: splitData.tokens,
              revenue: Object.entries(splitData.revenue).map(([token, r]) => ({
                token,
                deposited: a(r.deposited, token),
                sales: a(r.sales, token),
                royalties: a(r.royalties, token),
                claimed: a(r.claimed, token),
              })),
            }
          : null,
        royaltyInbox: inbox[0]?.inbox ?? null,
        metadataHistory: (data.metadataHistory as unknown[]) ?? [],
        transfers: (data.transfers as unknown[]) ?? [],
      },
      200,
    )
  })
}

/** A page of reviews of one model or by one reviewer, newest first. */
export function reviewPage(
  db: Queryable,
  by: { model_id: string } | { reviewer: string },
  limit: number,
  cursor: string | undefined,
) {
  const [[column, value]] = Object.entries(by) as [[string, string]]
  return listById(db, {
    table: 'reviews',
    column: 'seq',
    where: [`${column} = $1`],
    params: [value],
    limit,
    cursor,
    map: (data) => reviewOf(plain<ReviewData>(data)),
  })
}

/** The route of a page of reviews: of a model (`id`) or by an account (`address`). */
export function reviewsRoute<P extends z.ZodObject>(path: string, summary: string, params: P) {
  return createRoute({
    method: 'get',
    path,
    summary,
    request: { params, query: z.object({ limit: LimitParam, cursor: CursorParam }) },
    responses: {
      200: {
        description: 'A page of reviews',
        content: { 'application/json': { schema: ReviewPageSchema } },
      },
      400: problemResponse('A malformed parameter'),
      404: problemResponse("No such model (a model's reviews)"),
      429: problemResponse('Rate limited'),
      503: problemResponse('Database unreachable'),
    },
  })
}

export function reviewRoutes(app: OpenAPIHono, context: ApiContext) {
  const route = reviewsRoute(
    '/v1/models/{id}/reviews',
    "A model's licensee reviews, newest first",
    z.object({ id: IdParam }),
  )
  app.openapi(route, async (c) => {
    const id = idKey(c.req.valid('param').id)
    const { limit, cursor } = c.req.valid('query')
    const [model] = await context.db.query('SELECT 1 FROM models WHERE key = $1', [id])
    if (!model) return problem(c, 404, `No model ${id}.`)
    const page = await reviewPage(context.db, { model_id: id }, limit, cursor)
    return page === BAD_CURSOR ? badCursor(c) : c.json(page, 200)
  })
}

function sortValue(value: unknown): string | number {
  return typeof value === 'number' ? value : String(value)
}
