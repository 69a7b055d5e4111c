/** /v1/offers: the Marketplace's offers. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { plain } from '../projection.js'
import type { ApiContext } from './context.js'
import {
  AddressParam,
  AmountSchema,
  amount,
  CursorParam,
  IdParam,
  idKey,
  LimitParam,
} from './format.js'
import { BAD_CURSOR, badCursor, listById } from './pages.js'
import { problemResponse } from './problem.js'

export const OfferSchema = z
  .object({
    id: z.string().openapi({
      description: 'offer id: 32-byte hex, as model ids (the Marketplace numbers offers 1, 2, …)',
      example: `0x${'0'.repeat(63)}1`,
    }),
    modelId: z.string(),
    seller: z.string(),
    price: AmountSchema,
    /** Seconds a license lasts (0: perpetual). */
    duration: z.number().int(),
    /** 0: no cap. */
    supplyCap: z.number().int(),
    sales: z.number().int(),
    commercial: z.boolean(),
    signed: z.boolean(),
    cancelled: z.boolean(),
    /** Not cancelled and supply left. */
    open: z.boolean(),
    termsCid: z.string(),
  })
  .openapi('Offer')

type OfferData = {
  id: string
  modelId: string
  seller: string
  token: string
  price: string
  duration: number
  supplyCap: number
  sales: number
  commercial: boolean
  signed: boolean
  cancelled: boolean
  termsCid: string
}

export function offerOf(o: OfferData, context: ApiContext): z.infer<typeof OfferSchema> {
  return {
    id: idKey(String(o.id)),
    modelId: o.modelId,
    seller: o.seller,
    price: amount(o.price, o.token, context.tokens),
    duration: Number(o.duration),
    supplyCap: Number(o.supplyCap),
    sales: Number(o.sales),
    commercial: o.commercial,
    signed: o.signed,
    cancelled: o.cancelled,
    open: !o.cancelled && (Number(o.supplyCap) === 0 || Number(o.sales) < Number(o.supplyCap)),
    termsCid: o.termsCid,
  }
}

const listRoute = createRoute({
  method: 'get',
  path: '/v1/offers',
  summary: 'Offers, newest first',
  request: {
    query: z.object({
      model: IdParam.optional(),
      seller: AddressParam.optional(),
      token: AddressParam.optional(),
      open: z.enum(['true', 'false']).optional(),
      limit: LimitParam,
      cursor: CursorParam,
    }),
  },
  responses: {
    200: {
      description: 'A page of offers',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(OfferSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    400: problemResponse('A malformed parameter'),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

export function offerRoutes(app: OpenAPIHono, context: ApiContext) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query')
    const params: unknown[] = []
    const p = (v: unknown) => `$${params.push(v)}`
    const where: string[] = []
    if (q.model) where.push(`model_id = ${p(idKey(q.model))}`)
    if (q.seller) where.push(`seller = ${p(q.seller)}`)
    if (q.token) where.push(`token = ${p(q.token)}`)
    const open = 'NOT cancelled AND (supply_cap = 0 OR sales < supply_cap)'
    if (q.open === 'true') where.push(open)
    if (q.open === 'false') where.push(`NOT (${open})`)
    const page = await listById(context.db, {
      table: 'offers',
      column: 'id',
      where,
      params,
      limit: q.limit,
      cursor: q.cursor,
      map: (data) => offerOf(plain(data), context),
    })
    return page === BAD_CURSOR ? badCursor(c) : c.json(page, 200)
  })
}
