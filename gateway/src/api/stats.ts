/** /v1/stats: counts and totals across the protocol. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { plain } from '../projection.js'
import type { ApiContext } from './context.js'
import { AmountSchema, amount } from './format.js'
import { problemResponse } from './problem.js'

const StatsSchema = z
  .object({
    models: z.number().int(),
    datasets: z.number().int(),
    cards: z.object({
      indexed: z.number().int(),
      pending: z.number().int(),
      refused: z.number().int(),
    }),
    offers: z.object({ total: z.number().int(), open: z.number().int() }),
    licenses: z.number().int(),
    sales: z.number().int(),
    rounds: z.record(z.string(), z.number().int()),
    validators: z.number().int(),
    staked: AmountSchema,
    unbonding: AmountSchema,
    indexedBlock: z.string().nullable(),
  })
  .openapi('Stats')

const route = createRoute({
  method: 'get',
  path: '/v1/stats',
  summary: 'Counts and totals',
  responses: {
    200: { description: 'Statistics', content: { 'application/json': { schema: StatsSchema } } },
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

export function statsRoutes(app: OpenAPIHono, context: ApiContext) {
  const { db, tokens } = context
  app.openapi(route, async (c) => {
    const [kinds, cards, offers, licenses, rounds, globals, checkpoint] = await Promise.all([
      db.query<{ kind: string; n: number }>(
        'SELECT kind, count(*)::int AS n FROM models GROUP BY kind',
      ),
      db.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM cards GROUP BY status',
      ),
      db.query<{ total: number; open: number; sales: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT cancelled AND (supply_cap = 0 OR sales < supply_cap))::int AS open,
           coalesce(sum(sales), 0)::int AS sales FROM offers`,
      ),
      db.query<{ n: number }>('SELECT count(*)::int AS n FROM licenses'),
      db.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM rounds GROUP BY status',
      ),
      db.query<{ key: string; data: unknown }>(
        "SELECT key, data FROM globals WHERE key IN ('totals', 'validatorSet')",
      ),
      db.query<{ b: string }>(
        'SELECT indexed_block::text AS b FROM indexer_checkpoint WHERE id = 1',
      ),
    ])
    const count = (rows: { n: number }[], pick: (r: never) => boolean) =>
      rows.filter(pick as (r: { n: number }) => boolean).reduce((s, r) => s + Number(r.n), 0)
    const g = Object.fromEntries(globals.map((r) => [r.key, plain(r.data)])) as {
      totals?: { staked: string; unbonding: string }
      validatorSet?: string[]
    }
    return c.json(
      {
        models: count(kinds, (r: { kind: string }) => r.kind === 'model'),
        datasets: count(kinds, (r: { kind: string }) => r.kind === 'dataset'),
        cards: {
          indexed: count(cards, (r: { status: string }) => r.status === 'ok'),
          pending: count(cards, (r: { status: string }) => r.status === 'pending'),
          refused: count(
            cards,
            (r: { status: string }) => r.status === 'mismatch' || r.status === 'invalid',
          ),
        },
        offers: { total: Number(offers[0]?.total ?? 0), open: Number(offers[0]?.open ?? 0) },
        licenses: Number(licenses[0]?.n ?? 0),
        sales: Number(offers[0]?.sales ?? 0),
        rounds: Object.fromEntries(rounds.map((r) => [r.status, Number(r.n)])),
        validators: g.validatorSet?.length ?? 0,
        staked: amount(g.totals?.staked ?? '0', tokens.daimm, tokens),
        unbonding: amount(g.totals?.unbonding ?? '0', tokens.daimm, tokens),
        indexedBlock: checkpoint[0]?.b ?? null,
      },
      200,
    )
  })
}
