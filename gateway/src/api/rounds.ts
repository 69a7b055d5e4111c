/** /v1/rounds: scoring rounds, with their committees and results. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { plain } from '../projection.js'
import type { ApiContext } from './context.js'
import {
  AmountSchema,
  agreedDigest,
  amount,
  CursorParam,
  IdParam,
  idKey,
  LimitParam,
  safeCid,
} from './format.js'
import { BAD_CURSOR, badCursor, listById } from './pages.js'
import { problem, problemResponse } from './problem.js'

const MemberSchema = z
  .object({
    validator: z.string(),
    seat: z.number().int(),
    weight: z.string(),
    state: z.string(),
    score: z.number().int().nullable(),
    reward: AmountSchema,
    claimable: AmountSchema,
    reported: z.unknown().nullable(),
  })
  .openapi('RoundMember')

const RoundSchema = z
  .object({
    id: z.string().openapi({
      description:
        'round id: 32-byte hex, as model ids (the ScoringManager numbers rounds 1, 2, …)',
      example: `0x${'0'.repeat(63)}1`,
    }),
    subjectId: z.string(),
    kind: z.string(),
    status: z.enum(['open', 'drawn', 'finalized', 'failed']),
    funder: z.string(),
    benchmarkId: z.string(),
    datasetCid: z.string(),
    metricId: z.string(),
    budget: AmountSchema,
    committeeSize: z.number().int(),
    commitDeadline: z.string(),
    revealDeadline: z.string(),
    consensus: z.number().int().nullable(),
    bandLow: z.number().int().nullable(),
    bandHigh: z.number().int().nullable(),
    /** Finalized: the evaluation digest more than half the in-band revealed weight carried; else null. */
    digest: z.string().nullable(),
    openedAtBlock: z.string(),
  })
  .openapi('Round')

const RoundDetailSchema = RoundSchema.extend({
  members: z.array(MemberSchema),
  refund: AmountSchema,
  returnedToPool: AmountSchema,
  contributorReward: z.object({ contributor: z.string(), amount: AmountSchema }).nullable(),
}).openapi('RoundDetail')

type RoundData = Record<string, unknown> & {
  members: Record<string, unknown>[]
  openedAt: { blockNumber: string }
  contributorReward: { contributor: string; amount: string } | null
}

function roundOf(r: RoundData, context: ApiContext) {
  const daimm = context.tokens.daimm
  return {
    id: idKey(String(r.id)),
    subjectId: String(r.subjectId),
    kind: String(r.kind),
    status: r.status as 'open' | 'drawn' | 'finalized' | 'failed',
    funder: String(r.funder),
    benchmarkId: String(r.benchmarkId),
    datasetCid: safeCid(String(r.datasetCid)),
    metricId: String(r.metricId),
    budget: amount(String(r.budget), daimm, context.tokens),
    committeeSize: Number(r.committeeSize),
    commitDeadline: String(r.commitDeadline),
    revealDeadline: String(r.revealDeadline),
    consensus: r.consensus === null ? null : Number(r.consensus),
    bandLow: r.bandLow === null ? null : Number(r.bandLow),
    bandHigh: r.bandHigh === null ? null : Number(r.bandHigh),
    digest: agreedDigest(r.digest),
    openedAtBlock: String(r.openedAt.blockNumber),
  }
}

const listRoute = createRoute({
  method: 'get',
  path: '/v1/rounds',
  summary: 'Scoring rounds, newest first',
  request: {
    query: z.object({
      status: z.enum(['open', 'drawn', 'finalized', 'failed']).optional(),
      subject: IdParam.optional(),
      limit: LimitParam,
      cursor: CursorParam,
    }),
  },
  responses: {
    200: {
      description: 'A page of rounds',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(RoundSchema), nextCursor: z.string().nullable() }),
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
  path: '/v1/rounds/{id}',
  summary: 'One scoring round with its committee',
  request: {
    params: z.object({ id: IdParam }),
  },
  responses: {
    200: {
      description: 'The round',
      content: { 'application/json': { schema: RoundDetailSchema } },
    },
    400: problemResponse('A malformed id'),
    404: problemResponse('No such round'),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

export function roundRoutes(app: OpenAPIHono, context: ApiContext) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query')
    const params: unknown[] = []
    const p = (v: unknown) => `$${params.push(v)}`
    const where: string[] = []
    if (q.status) where.push(`status = ${p(q.status)}`)
    if (q.subject) where.push(`subject_id = ${p(idKey(q.subject))}`)
    const page = await listById(context.db, {
      table: 'rounds',
      column: 'id',
      where,
      params,
      limit: q.limit,
      cursor: q.cursor,
      map: (data) => roundOf(plain(data), context),
    })
    return page === BAD_CURSOR ? badCursor(c) : c.json(page, 200)
  })

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param')
    const [row] = await context.db.query<{ data: unknown }>(
      'SELECT data FROM rounds WHERE key = $1',
      [BigInt(id).toString()], // the indexer keys rounds by their decimal id
    )
    if (!row) return problem(c, 404, `No round ${idKey(id)}.`)
    const r = plain<RoundData>(row.data)
    const a = (v: unknown) => amount(String(v ?? '0'), context.tokens.daimm, context.tokens)
    return c.json(
      {
        ...roundOf(r, context),
        members: r.members.map((m) => ({
          validator: String(m.validator),
          seat: Number(m.seat),
          weight: String(m.weight),
          state: String(m.state),
          score: m.score === null ? null : Number(m.score),
          reward: a(m.reward),
          claimable: a(m.claimable),
          reported: m.reported ?? null,
        })),
        refund: a(r.refund),
        returnedToPool: a(r.returnedToPool),
        contributorReward: r.contributorReward
          ? { contributor: r.contributorReward.contributor, amount: a(r.contributorReward.amount) }
          : null,
      },
      200,
    )
  })
}
