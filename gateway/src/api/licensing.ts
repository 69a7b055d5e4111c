/**
 * /v1/models/{id}/key and /v1/models/{id}/infer: content keys deposited by a model's owner and
 * released, wrapped, to license holders; inference for license holders. Every call is a signed
 * request (docs/licensing.md); each release and inference is appended to the usage log.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { chainModel, checkAccess } from '../licensing/access.js'
import { authenticate, refuse } from '../licensing/authenticate.js'
import type { LicensingContext } from '../licensing/context.js'
import {
  createLicenseeLimiter,
  digestOf,
  InferenceInputError,
  InferenceTimeoutError,
  loadLicensedModel,
  runModel,
  tensorsOf,
} from '../licensing/inference.js'
import { putContentKey } from '../licensing/key-store.js'
import { runtimeVersion, wrapContentKey } from '../licensing/sdk.js'
import { appendUsage } from '../licensing/usage-log.js'
import { IdParam, idKey } from './format.js'
import { problem, problemResponse } from './problem.js'

const Base64Url32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes of base64url')

export const signedRequestHeaders = z.object({
  'daimm-signer': z.string().optional().openapi({ description: 'the signing account' }),
  'daimm-nonce': z
    .string()
    .optional()
    .openapi({ description: 'a random uint256, decimal, used once' }),
  'daimm-expires-at': z
    .string()
    .optional()
    .openapi({ description: 'seconds since the epoch, at most 300 s ahead' }),
  'daimm-body-sha256': z
    .string()
    .optional()
    .openapi({ description: '0x SHA-256 of the body (of nothing for GET)' }),
  'daimm-signature': z
    .string()
    .optional()
    .openapi({ description: 'EIP-712 signature of the GatewayRequest' }),
})

const refusals = {
  400: problemResponse('A malformed parameter or body'),
  403: problemResponse(
    'Refused, with a reason: bad signature, replayed, request expired, no license, license expired, commercial license required, model flagged, not the owner',
  ),
  404: problemResponse('No such model, or no content key for it here'),
  429: problemResponse('Rate limited'),
  503: problemResponse('Database or chain unreachable, or timeout'),
}

const depositRoute = createRoute({
  method: 'put',
  path: '/v1/models/{id}/key',
  summary: "Deposit a model's content key (signed by the model's owner)",
  request: {
    params: z.object({ id: IdParam }),
    headers: signedRequestHeaders,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            contentKey: Base64Url32.openapi({ description: 'the AES-256 content key, base64url' }),
            commercialOnly: z.boolean().default(false),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Stored, sealed under the gateway master key',
      content: {
        'application/json': {
          schema: z
            .object({ modelId: z.string(), commercialOnly: z.boolean() })
            .openapi('KeyDeposit'),
        },
      },
    },
    ...refusals,
  },
})

const WrappedKeySchema = z
  .object({
    modelId: z.string(),
    artifactCid: z.string().openapi({ description: "the ciphertext's CID, at the chain's head" }),
    wrappedKey: z.object({
      ephemeralPublicKey: z.string().openapi({ description: 'X25519, base64url' }),
      ciphertext: z
        .string()
        .openapi({ description: 'AES-256-GCM of the content key and its tag, base64url' }),
    }),
  })
  .openapi('WrappedContentKey')

const releaseRoute = createRoute({
  method: 'post',
  path: '/v1/models/{id}/key',
  summary: "Release a model's content key to a license holder, wrapped to its X25519 public key",
  request: {
    params: z.object({ id: IdParam }),
    headers: signedRequestHeaders,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            publicKey: Base64Url32.openapi({ description: 'X25519, base64url' }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'The wrapped key',
      content: { 'application/json': { schema: WrappedKeySchema } },
    },
    ...refusals,
  },
})

const TensorSchema = z
  .object({
    type: z.enum(['float32', 'float64', 'int32', 'int64', 'int8', 'uint8', 'bool']),
    dims: z.array(z.number().int().min(0)).max(8),
    data: z.array(z.union([z.number(), z.string(), z.boolean()])),
  })
  .openapi('Tensor')

const inferRoute = createRoute({
  method: 'post',
  path: '/v1/models/{id}/infer',
  summary: 'Run a licensed model (onnxruntime-web, as evaluation runs it)',
  request: {
    params: z.object({ id: IdParam }),
    headers: signedRequestHeaders,
    body: {
      content: {
        'application/json': {
          schema: z.object({ inputs: z.record(z.string(), TensorSchema) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'The outputs',
      content: {
        'application/json': {
          schema: z
            .object({
              outputs: z.record(
                z.string(),
                z.object({
                  type: z.string(),
                  dims: z.array(z.number()),
                  data: z.array(z.union([z.number(), z.string(), z.boolean()])),
                }),
              ),
              runtime: z.string(),
              latencyMs: z.number(),
            })
            .openapi('InferenceResult'),
        },
      },
    },
    ...refusals,
    413: problemResponse('The request body is too large'),
  },
})

const artifactRoute = createRoute({
  method: 'get',
  path: '/v1/models/{id}/artifact',
  summary:
    "Download a model's ciphertext from the gateway's store (license holders; verified against its CID)",
  request: { params: z.object({ id: IdParam }), headers: signedRequestHeaders },
  responses: {
    200: {
      description: 'The encrypted artifact (daimm-aead-v1)',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...refusals,
  },
})

export function licensingRoutes(app: OpenAPIHono, ctx: LicensingContext) {
  // The raw body is read first, so the signed SHA-256 is checked over the bytes sent (the JSON
  // validator then reads the same bytes).
  app.use('/v1/models/:id/key', async (c, next) => {
    if (c.req.method !== 'GET') await c.req.arrayBuffer()
    await next()
  })
  app.use(
    '/v1/models/:id/infer',
    bodyLimit({
      maxSize: ctx.limits.inferBodyBytes,
      onError: (c) =>
        problem(c, 413, `The request body is larger than ${ctx.limits.inferBodyBytes} bytes.`),
    }),
    async (c, next) => {
      await c.req.arrayBuffer()
      await next()
    },
  )
  const limiter = createLicenseeLimiter(ctx.limits.inferPerMinute)

  app.openapi(depositRoute, async (c) => {
    const key = idKey(c.req.valid('param').id)
    const auth = await authenticate(c, ctx, new Uint8Array(await c.req.arrayBuffer()))
    if (auth instanceof Response) return auth
    const model = await chainModel(ctx, key)
    if (!model) return problem(c, 404, `No model ${key}.`)
    if (model.owner.toLowerCase() !== auth.signer.toLowerCase())
      return refuse(c, 'not the owner', `Only the model's owner ${model.owner} deposits its key.`)
    const body = c.req.valid('json')
    await putContentKey(ctx.db, ctx.masterKey, {
      modelKey: key,
      contentKey: new Uint8Array(Buffer.from(body.contentKey, 'base64url')),
      depositor: auth.signer,
      commercialOnly: body.commercialOnly,
    })
    return c.json({ modelId: key, commercialOnly: body.commercialOnly }, 200)
  })

  app.openapi(releaseRoute, async (c) => {
    const key = idKey(c.req.valid('param').id)
    const auth = await authenticate(c, ctx, new Uint8Array(await c.req.arrayBuffer()))
    if (auth instanceof Response) return auth
    const access = await checkAccess(c, ctx, key, auth.signer)
    if (access instanceof Response) return access
    let wrappedKey: ReturnType<typeof wrapContentKey>
    try {
      wrappedKey = wrapContentKey({
        contentKey: access.stored.contentKey,
        recipientPublicKey: c.req.valid('json').publicKey,
        modelId: key as `0x${string}`,
      })
    } catch {
      return problem(c, 400, 'publicKey: not a usable X25519 public key.', {
        errors: [{ field: 'publicKey', in: 'body', message: 'not a usable X25519 public key' }],
      })
    }
    const body = {
      modelId: key,
      artifactCid: access.model.artifactCid,
      wrappedKey,
    }
    await appendUsage(ctx.db, {
      modelKey: key,
      licensee: auth.signer,
      action: 'key',
      requestDigest: auth.bodyHash,
      responseDigest: digestOf(JSON.stringify(body)),
    })
    return c.json(body, 200)
  })

  app.openapi(artifactRoute, async (c) => {
    const key = idKey(c.req.valid('param').id)
    const auth = await authenticate(c, ctx, new Uint8Array())
    if (auth instanceof Response) return auth
    const access = await checkAccess(c, ctx, key, auth.signer)
    if (access instanceof Response) return access
    const cid = access.model.artifactCid
    if (!(await ctx.store.has(cid)))
      return problem(c, 404, `This gateway's store does not hold ${cid}; read it from IPFS.`)
    const { signer, bodyHash } = auth
    const hash = createHash('sha256')
    // Verified against the CID as it streams; the download is logged once it was all sent.
    async function* body() {
      for await (const chunk of ctx.store.cat(cid)) {
        hash.update(chunk)
        yield chunk
      }
      await appendUsage(ctx.db, {
        modelKey: key,
        licensee: signer,
        action: 'download',
        requestDigest: bodyHash,
        responseDigest: `0x${hash.digest('hex')}`,
      })
    }
    const stream = Readable.toWeb(Readable.from(body())) as unknown as ReadableStream
    return c.body(stream, 200, { 'content-type': 'application/octet-stream' }) as never
  })

  app.openapi(inferRoute, async (c) => {
    const key = idKey(c.req.valid('param').id)
    const auth = await authenticate(c, ctx, new Uint8Array(await c.req.arrayBuffer()))
    if (auth instanceof Response) return auth
    const wait = limiter(auth.signer.toLowerCase())
    if (wait !== undefined) {
      c.header('retry-after', String(wait))
      return problem(
        c,
        429,
        `More than ${ctx.limits.inferPerMinute} inferences a minute by ${auth.signer}.`,
      )
    }
    const access = await checkAccess(c, ctx, key, auth.signer)
    if (access instanceof Response) return access
    const started = performance.now()
    let outputs: Awaited<ReturnType<typeof runModel>>
    try {
      const model = await loadLicensedModel(
        ctx,
        key,
        access.model.artifactCid,
        access.stored.contentKey,
      )
      const feeds = tensorsOf(model, c.req.valid('json').inputs, ctx.limits.inferElements)
      outputs = await runModel(model, feeds, ctx.limits.inferTimeoutMs)
    } catch (error) {
      if (error instanceof InferenceInputError)
        return problem(c, 400, error.message, {
          errors: [{ field: 'inputs', in: 'body', message: error.message }],
        })
      if (error instanceof InferenceTimeoutError)
        return problem(c, 503, `The model ran longer than ${ctx.limits.inferTimeoutMs} ms.`, {
          reason: 'timeout',
        })
      throw error
    }
    const latencyMs = performance.now() - started
    await appendUsage(ctx.db, {
      modelKey: key,
      licensee: auth.signer,
      action: 'infer',
      requestDigest: auth.bodyHash,
      responseDigest: digestOf(JSON.stringify(outputs)),
    })
    return c.json({ outputs, runtime: runtimeVersion, latencyMs }, 200)
  })
}
