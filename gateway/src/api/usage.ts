/**
 * GET /v1/usage: the usage log's entries, to signed readers only: a model's owner reads all of the
 * model's entries, anyone else its own (as licensee).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { chainModel } from '../licensing/access.js'
import { authenticate, refuse } from '../licensing/authenticate.js'
import type { LicensingContext } from '../licensing/context.js'
import { AddressParam, IdParam, idKey } from './format.js'
import { signedRequestHeaders } from './licensing.js'
import { problemResponse } from './problem.js'

export const UsageEntrySchema = z
  .object({
    seq: z.string(),
    at: z.string().openapi({ description: 'seconds since the epoch' }),
    modelId: z.string(),
    licensee: z.string(),
    action: z.enum(['key', 'download', 'infer']),
    requestDigest: z.string(),
    responseDigest: z.string(),
    previousHash: z.string(),
    entryHash: z
      .string()
      .openapi({ description: 'usageEntryHash of the entry (sdk/src/usage/entry.ts)' }),
  })
  .openapi('UsageEntry')

const route = createRoute({
  method: 'get',
  path: '/v1/usage',
  summary: "Usage log entries: a model's owner sees all of the model's, a licensee its own",
  request: {
    headers: signedRequestHeaders,
    query: z.object({
      model: IdParam.optional(),
      licensee: AddressParam.optional().openapi({ description: 'default: the signer' }),
      after: z
        .string()
        .regex(/^[0-9]{1,20}$/)
        .optional()
        .openapi({ description: 'entries after this seq' }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: {
      description: 'Entries in log order',
      content: {
        'application/json': {
          schema: z.object({
            entries: z.array(UsageEntrySchema),
            nextAfter: z.string().nullable(),
          }),
        },
      },
    },
    400: problemResponse('A malformed parameter'),
    403: problemResponse(
      "Refused: bad signature, replayed, request expired, or not the model's owner",
    ),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

type Row = {
  seq: string | number
  at: string | number
  model_id: string
  licensee: string
  action: 'key' | 'download' | 'infer'
  request_digest: string
  response_digest: string
  previous_hash: string
  entry_hash: string
}

export function usageRoutes(app: OpenAPIHono, ctx: LicensingContext) {
  app.openapi(route, async (c) => {
    const auth = await authenticate(c, ctx, new Uint8Array())
    if (auth instanceof Response) return auth
    const query = c.req.valid('query')
    const signer = auth.signer.toLowerCase()
    const modelKey = query.model === undefined ? undefined : idKey(query.model)
    let licensee = query.licensee?.toLowerCase()
    const owner = modelKey ? (await chainModel(ctx, modelKey))?.owner.toLowerCase() : undefined
    if (owner !== signer) {
      if (licensee !== undefined && licensee !== signer)
        return refuse(
          c,
          'not the owner',
          "Only a model's owner reads other licensees' entries (give model=).",
        )
      licensee = signer
    }
    const params: unknown[] = []
    const p = (v: unknown) => `$${params.push(v)}`
    const where: string[] = [`seq > ${p(query.after ?? '0')}`]
    if (modelKey) where.push(`model_id = ${p(modelKey)}`)
    if (licensee) where.push(`licensee = ${p(licensee)}`)
    const rows = await ctx.db.query<Row>(
      `SELECT * FROM usage_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${p(query.limit + 1)}`,
      params,
    )
    const page = rows.slice(0, query.limit)
    return c.json(
      {
        entries: page.map((r) => ({
          seq: String(r.seq),
          at: String(r.at),
          modelId: r.model_id,
          licensee: r.licensee,
          action: r.action,
          requestDigest: r.request_digest,
          responseDigest: r.response_digest,
          previousHash: r.previous_hash,
          entryHash: r.entry_hash,
        })),
        nextAfter: rows.length > query.limit ? String(page.at(-1)?.seq) : null,
      },
      200,
    )
  })
}
