/** /v1/health: indexed block, chain head, lag; 503 with a reason when the chain or the database is away. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { ApiContext } from './context.js'

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    /** Why not ok. */
    reason: z.enum(['database unreachable', 'chain unreachable', 'not indexed yet']).nullable(),
    detail: z.string().nullable(),
    indexedBlock: z.string().nullable(),
    chainHead: z.string().nullable(),
    /** Blocks the index is behind the chain's head. */
    lag: z.string().nullable(),
    /** When the writer last synced (ISO), and how many seconds ago. */
    lastSyncAt: z.string().nullable(),
    secondsSinceSync: z.number().nullable(),
    database: z.enum(['pglite', 'postgres']),
  })
  .openapi('Health')

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  summary: 'Indexed block, chain head and lag',
  responses: {
    200: { description: 'Serving', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'The chain or the database is unreachable (reason says which)',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
})

export function healthRoutes(app: OpenAPIHono, context: ApiContext) {
  app.openapi(route, async (c) => {
    const [db, chain] = await Promise.allSettled([
      context.db.query<{ b: string; at: Date | string }>(
        'SELECT indexed_block::text AS b, updated_at AS at FROM indexer_checkpoint WHERE id = 1',
      ),
      context.chainHead(),
    ])
    const row = db.status === 'fulfilled' ? db.value[0] : undefined
    const head = chain.status === 'fulfilled' ? chain.value : null
    const indexed = row ? BigInt(row.b) : null
    const at = row ? new Date(row.at) : null
    const reason =
      db.status === 'rejected'
        ? ('database unreachable' as const)
        : chain.status === 'rejected'
          ? ('chain unreachable' as const)
          : null
    const failure =
      db.status === 'rejected' ? db.reason : chain.status === 'rejected' ? chain.reason : undefined
    const body = {
      status: reason ? ('unavailable' as const) : ('ok' as const),
      reason,
      detail: failure
        ? (String((failure as Error)?.message ?? failure).split('\n')[0] ?? null)
        : null,
      indexedBlock: indexed?.toString() ?? null,
      chainHead: head?.toString() ?? null,
      lag:
        indexed !== null && head !== null
          ? (head > indexed ? head - indexed : 0n).toString()
          : null,
      lastSyncAt: at?.toISOString() ?? null,
      secondsSinceSync: at ? Math.round((Date.now() - at.getTime()) / 1000) : null,
      database: context.db.kind,
    }
    if (reason) {
      c.header('retry-after', '5')
      return c.json(body, 503)
    }
    return c.json(body, 200)
  })
}
