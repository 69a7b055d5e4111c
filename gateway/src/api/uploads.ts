/**
 * POST /v1/uploads: a signed request streams an artifact (encrypted, usually) into the gateway's
 * content store, under a size limit. The store writes to a temporary file renamed into place at
 * the end, so an upload that fails (too large, cut short, not the body signed) leaves nothing.
 */
import { createHash } from 'node:crypto'
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { authenticate, refuse } from '../licensing/authenticate.js'
import type { LicensingContext } from '../licensing/context.js'
import { signedRequestHeaders } from './licensing.js'
import { problem, problemResponse } from './problem.js'

const route = createRoute({
  method: 'post',
  path: '/v1/uploads',
  summary: "Store an artifact in the gateway's content store (signed; the body is the file)",
  request: {
    headers: signedRequestHeaders,
    body: {
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Stored',
      content: {
        'application/json': {
          schema: z
            .object({
              cid: z.string(),
              fingerprint: z.string().openapi({ description: 'SHA-256 of the bytes, 0x hex' }),
              size: z.number().int(),
            })
            .openapi('Upload'),
        },
      },
    },
    400: problemResponse('No body'),
    403: problemResponse(
      'Refused: bad signature (or a body other than the one signed), replayed, request expired',
    ),
    413: problemResponse('Larger than the upload limit'),
    429: problemResponse('Rate limited'),
    503: problemResponse('Database unreachable'),
  },
})

class TooLarge extends Error {}
class NotSigned extends Error {}

export function uploadRoutes(app: OpenAPIHono, ctx: LicensingContext) {
  const limit = ctx.limits.uploadBytes
  app.openapi(route, async (c) => {
    const auth = await authenticate(c, ctx, undefined)
    if (auth instanceof Response) return auth
    const signed = auth.bodyHash
    const declared = Number(c.req.header('content-length') ?? Number.NaN)
    if (declared > limit) return problem(c, 413, `Uploads are limited to ${limit} bytes.`)
    const body = c.req.raw.body
    if (!body) return problem(c, 400, 'The body is the file to store.')
    const hash = createHash('sha256')
    let size = 0
    async function* source() {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength
        if (size > limit) throw new TooLarge()
        hash.update(chunk)
        yield chunk
      }
      // Before the store renames its temporary file into place.
      if (`0x${hash.copy().digest('hex')}` !== signed) throw new NotSigned()
    }
    try {
      const { cid } = await ctx.store.put(source())
      return c.json({ cid: cid.toString(), fingerprint: auth.bodyHash, size }, 200)
    } catch (error) {
      if (error instanceof TooLarge)
        return problem(c, 413, `Uploads are limited to ${limit} bytes.`)
      if (error instanceof NotSigned)
        return refuse(c, 'bad signature', 'The body is not the one signed (its SHA-256 differs).')
      throw error
    }
  })
}
