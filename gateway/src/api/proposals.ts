/**
 * /v1/proposals: the governor's proposals. Where one stands (pending, active, defeated…) depends on
 * the clock: the SDK's `proposalState` answers it from the stored record at the chain's time.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { plain, reviveBigints } from '../projection.js'
import {
  createQueries,
  emptyState,
  type IndexedProposal,
  type IndexedState,
  proposalStates,
} from '../sdk.js'
import type { ApiContext } from './context.js'
import {
  AddressParam,
  AmountSchema,
  amount,
  CursorParam,
  IdParam,
  idKey,
  isoOf,
  LimitParam,
} from './format.js'
import { BAD_CURSOR, badCursor, listById } from './pages.js'
import { problem, problemResponse } from './problem.js'

export const ProposalSchema = z
  .object({
    id: z.string().openapi({ description: 'proposal id, 32-byte hex (the governor hashes it)' }),
    proposer: z.string(),
    /** `DaimmGovernor.state` at `stateAt`; null when the quorum's numerator was never indexed. */
    state: z.enum(proposalStates).nullable(),
    /** Seconds: the chain's time the state is given for. */
    stateAt: z.string(),
    /** What the events decided: created, queued, executed or canceled. */
    stage: z.enum(['created', 'queued', 'executed', 'canceled']),
    description: z.string(),
    calls: z.array(z.object({ target: z.string(), value: z.string(), data: z.string() })),
    /** Seconds: votes count as delegated at voteStart; voting ends at voteEnd. */
    voteStart: z.string(),
    voteStartIso: z.string(),
    voteEnd: z.string(),
    voteEndIso: z.string(),
    votes: z.object({ for: AmountSchema, against: AmountSchema, abstain: AmountSchema }),
    voters: z.number().int(),
    /** For and abstain votes needed (`quorum(voteStart)`), or null when unknown. */
    quorum: AmountSchema.nullable(),
    /** Seconds from which a queued proposal may be executed, or null. */
    eta: z.string().nullable(),
    createdAt: z.object({
      blockNumber: z.string(),
      transactionHash: z.string(),
      logIndex: z.number().int(),
    }),
  })
  .openapi('Proposal')

const listRoute = createRoute({
  method: 'get',
  path: '/v1/proposals',
  summary: 'Governor proposals, newest first',
  request: {
    query: z.object({ proposer: AddressParam.optional(), limit: LimitParam, cursor: CursorParam }),
  },
  responses: {
    200: {
      description: 'A page of proposals',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ProposalSchema), nextCursor: z.string().nullable() }),
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
  path: '/v1/proposals/{id}',
  summary: 'One proposal: state, votes, calls, description, ETA',
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: {
      description: 'The proposal',
      content: { 'application/json': { schema: ProposalSchema } },
    },
    400: problemResponse('A malformed id'),
    404: problemResponse('No such proposal'),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

export function proposalRoutes(app: OpenAPIHono, context: ApiContext) {
  const { db, tokens } = context

  /** The SDK's queries over the given proposals and the quorum numerator's history. */
  async function queriesOf(proposals: IndexedProposal[]) {
    const [numerators] = await db.query<{ data: unknown }>(
      "SELECT data FROM globals WHERE key = 'quorumNumerators'",
    )
    const state: IndexedState = {
      ...emptyState(),
      proposals: Object.fromEntries(proposals.map((p) => [idKey(p.id.toString()), p])),
      quorumNumerators: numerators ? reviveBigints(numerators.data) : [],
    }
    // The chain's time: the contract's `state` answers at the pending block, never before now.
    const wall = BigInt(Math.floor(Date.now() / 1000))
    const chain = await (context.chainTime?.() ?? Promise.resolve(wall)).catch(() => wall)
    return { queries: createQueries(() => state), now: chain > wall ? chain : wall }
  }

  function proposalOf(
    p: IndexedProposal,
    { queries, now }: Awaited<ReturnType<typeof queriesOf>>,
  ): z.infer<typeof ProposalSchema> {
    const votes = (v: bigint) => amount(v, tokens.daimm, tokens)
    const quorum = queries.quorumAt(p.voteStart)
    const position = plain<{ blockNumber: string; transactionHash: string; logIndex: number }>(
      p.createdAt,
    )
    return {
      id: idKey(p.id.toString()),
      proposer: p.proposer,
      state: queries.proposalState(p.id, now) ?? null,
      stateAt: now.toString(),
      stage: p.stage,
      description: p.description,
      calls: p.calls.map((call) => ({
        target: call.target,
        value: call.value.toString(),
        data: call.data,
      })),
      voteStart: p.voteStart.toString(),
      voteStartIso: isoOf(p.voteStart),
      voteEnd: p.voteEnd.toString(),
      voteEndIso: isoOf(p.voteEnd),
      votes: {
        for: votes(p.votes.for),
        against: votes(p.votes.against),
        abstain: votes(p.votes.abstain),
      },
      voters: p.voters,
      quorum: quorum === undefined ? null : votes(quorum),
      eta: p.eta === null ? null : p.eta.toString(),
      createdAt: {
        blockNumber: String(position.blockNumber),
        transactionHash: position.transactionHash,
        logIndex: Number(position.logIndex),
      },
    }
  }

  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query')
    const params: unknown[] = []
    const where: string[] = []
    if (q.proposer) where.push(`proposer = $${params.push(q.proposer)}`)
    const page = await listById(db, {
      table: 'proposals',
      column: 'seq',
      where,
      params,
      limit: q.limit,
      cursor: q.cursor,
      map: (data) => reviveBigints<IndexedProposal>(data),
    })
    if (page === BAD_CURSOR) return badCursor(c)
    const at = await queriesOf(page.items)
    return c.json(
      { items: page.items.map((p) => proposalOf(p, at)), nextCursor: page.nextCursor },
      200,
    )
  })

  app.openapi(getRoute, async (c) => {
    const id = idKey(c.req.valid('param').id)
    const [row] = await db.query<{ data: unknown }>('SELECT data FROM proposals WHERE key = $1', [
      id,
    ])
    if (!row) return problem(c, 404, `No proposal ${id}.`)
    const proposal = reviveBigints<IndexedProposal>(row.data)
    return c.json(proposalOf(proposal, await queriesOf([proposal])), 200)
  })
}
