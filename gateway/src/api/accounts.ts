/** /v1/accounts/{address}: what an account owns, stakes, holds and can claim. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { plain } from '../projection.js'
import type { ApiContext } from './context.js'
import { AddressParam, AmountSchema, amount, idKey } from './format.js'
import { ModelSummarySchema, reviewPage, reviewsRoute, SUMMARY, summaryOf } from './models.js'
import { BAD_CURSOR, badCursor } from './pages.js'
import { problemResponse } from './problem.js'

const AccountSchema = z
  .object({
    address: z.string(),
    models: z.object({ count: z.number().int(), items: z.array(ModelSummarySchema) }),
    stake: z.object({
      active: AmountSchema,
      locked: AmountSchema,
      unbonding: z.array(z.object({ amount: AmountSchema, releaseAt: z.string() })),
      withdrawn: AmountSchema,
      registeredValidator: z.boolean(),
      inValidatorSet: z.boolean(),
      sortitionWeight: z.string(),
      slashes: z.array(z.unknown()),
    }),
    /** Basis points; 5,000 before the first scored round. */
    reputation: z.string(),
    licenses: z.array(
      z.object({
        modelId: z.string(),
        offerId: z.string(),
        expiresAt: z.string(),
        commercial: z.boolean(),
        purchases: z.number().int(),
      }),
    ),
    /** Royalties claimable, by model and token, and protocol fees owed to it as a treasury. */
    claimable: z.array(z.object({ modelId: z.string().nullable(), amount: AmountSchema })),
    rewards: z.object({ claimable: AmountSchema, claimed: AmountSchema }),
  })
  .openapi('Account')

const route = createRoute({
  method: 'get',
  path: '/v1/accounts/{address}',
  summary:
    'An account: models, stake and unbonding, reputation, licenses, claimable royalties and rewards',
  request: { params: z.object({ address: AddressParam }) },
  responses: {
    200: { description: 'The account', content: { 'application/json': { schema: AccountSchema } } },
    400: problemResponse('A malformed address'),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

const reviewsOfRoute = reviewsRoute(
  '/v1/accounts/{address}/reviews',
  'The reviews an account gave, newest first',
  z.object({ address: AddressParam }),
)

export function accountRoutes(app: OpenAPIHono, context: ApiContext) {
  const { db, tokens } = context
  app.openapi(reviewsOfRoute, async (c) => {
    const { address } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    const page = await reviewPage(db, { reviewer: address }, limit, cursor)
    return page === BAD_CURSOR ? badCursor(c) : c.json(page, 200)
  })
  app.openapi(route, async (c) => {
    const { address } = c.req.valid('param')
    const daimm = (v: unknown) => amount(String(v ?? '0'), tokens.daimm, tokens)
    const [
      models,
      count,
      staker,
      weight,
      validatorSet,
      reputation,
      licenses,
      claimables,
      fees,
      rewards,
    ] = await Promise.all([
      db.query<Record<string, unknown> & { key: string; seq: string }>(
        `SELECT ${SUMMARY} FROM models m LEFT JOIN cards c ON c.cid = m.metadata_cid
           WHERE m.owner = $1 ORDER BY m.seq DESC LIMIT 100`,
        [address],
      ),
      db.query<{ n: number }>('SELECT count(*)::int AS n FROM models WHERE owner = $1', [address]),
      db.query<{ data: unknown }>('SELECT data FROM stakers WHERE key = $1', [address]),
      db.query<{ weight: string }>('SELECT weight FROM sortition_weights WHERE key = $1', [
        address,
      ]),
      db.query<{ data: unknown }>("SELECT data FROM globals WHERE key = 'validatorSet'"),
      db.query<{ reputation: string }>('SELECT reputation FROM reputations WHERE key = $1', [
        address,
      ]),
      db.query<{ data: unknown }>(
        'SELECT data FROM licenses WHERE account = $1 ORDER BY key LIMIT 500',
        [address],
      ),
      db.query<{ model_id: string; token: string; amount: string }>(
        'SELECT model_id, token, amount FROM claimables WHERE account = $1 ORDER BY model_id, token',
        [address],
      ),
      db.query<{ token: string; amount: string }>(
        'SELECT token, amount FROM protocol_fees WHERE treasury = $1 AND amount <> 0',
        [address],
      ),
      db.query<{ claimable: string; claimed: string }>(
        `SELECT coalesce(sum(claimable), 0)::text AS claimable, coalesce(sum(reward), 0)::text AS claimed
           FROM round_members WHERE validator = $1`,
        [address],
      ),
    ])
    const s = staker[0]
      ? plain<{
          stake: string
          locked: string
          withdrawn: string
          registeredValidator: boolean
          unbonding: { amount: string; releaseAt: string }[]
          slashes: unknown[]
        }>(staker[0].data)
      : undefined
    const set = (validatorSet[0]?.data as string[] | undefined) ?? []
    return c.json(
      {
        address,
        models: {
          count: Number(count[0]?.n ?? 0),
          items: models.map((m) => summaryOf(m, context)),
        },
        stake: {
          active: daimm(s?.stake),
          locked: daimm(s?.locked),
          unbonding: (s?.unbonding ?? []).map((u) => ({
            amount: daimm(u.amount),
            releaseAt: String(u.releaseAt),
          })),
          withdrawn: daimm(s?.withdrawn),
          registeredValidator: s?.registeredValidator ?? false,
          inValidatorSet: set.includes(address),
          sortitionWeight: weight[0]?.weight ?? '0',
          slashes: s?.slashes ?? [],
        },
        reputation: reputation[0]?.reputation ?? '0',
        licenses: licenses.map((r) => {
          const l = plain<{
            modelId: string
            offerId: string
            expiresAt: string
            commercial: boolean
            purchases: unknown[]
          }>(r.data)
          return {
            modelId: l.modelId,
            offerId: idKey(String(l.offerId)),
            expiresAt: String(l.expiresAt),
            commercial: l.commercial,
            purchases: l.purchases.length,
          }
        }),
        claimable: [
          ...claimables.map((r) => ({
            modelId: r.model_id,
            amount: amount(r.amount, r.token, tokens),
          })),
          ...fees.map((r) => ({ modelId: null, amount: amount(r.amount, r.token, tokens) })),
        ],
        rewards: { claimable: daimm(rewards[0]?.claimable), claimed: daimm(rewards[0]?.claimed) },
      },
      200,
    )
  })
}
