/**
 * The REST API: routes under /v1 (one file per resource), the OpenAPI 3.1 document generated from
 * their schemas at /openapi.json, interactive docs at /docs. Stateless: every answer comes from the
 * database, so any number of API processes can serve one database.
 */

import { createHash } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import { swaggerUI } from '@hono/swagger-ui'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { licensedContentRoutes, ownBodyLimit } from '../licensing/routes.js'
import { gatewayRequestHeaders } from '../licensing/sdk.js'
import { accountRoutes } from './accounts.js'
import type { CachedAnswer, ResponseCache } from './cache.js'
import type { ApiContext } from './context.js'
import { healthRoutes } from './health.js'
import { modelRoutes, reviewRoutes } from './models.js'
import { offerRoutes } from './offers.js'
import { problem } from './problem.js'
import { proposalRoutes } from './proposals.js'
import { roundRoutes } from './rounds.js'
import { statsRoutes } from './stats.js'
import { usageAnchorRoutes } from './usage-anchors.js'

export type ApiOptions = {
  /** Requests per minute per client (by address; 0: no limit). Default 600. */
  rateLimit?: number | undefined
  /** Longest request handling, in ms (default 10,000). */
  timeoutMs?: number | undefined
  /** Largest request body, in bytes (default 16 KiB), and URL (default 4 KiB). */
  maxBodyBytes?: number | undefined
  maxUrlBytes?: number | undefined
  /**
   * The response cache (`createResponseCache`): public GET answers served from memory until the
   * indexed state changes; whoever changes it must say so (`announceChanges`, `followChanges`).
   * Without it, every answer is computed (and sent without an ETag).
   */
  cache?: ResponseCache | undefined
}

/**
 * GET routes whose answers are a function of the indexed state alone, so the response cache may keep
 * them until it changes. Not `/v1/health` (the chain's head, the time since the last sync), not
 * `/v1/proposals` (a proposal's state follows the chain's clock), not licensed content or the usage
 * log (signed, per caller). None of them reads the licensed-content tables (usage log, nonces, content
 * keys, anchors), whose writers therefore announce no change (`announceChanges`): the indexer's
 * projector and the card fetcher are the only writers that do.
 */
const CACHEABLE = /^\/v1\/(models|accounts|rounds|offers|stats)(\/|$)/
const LICENSED = /^\/v1\/models\/[^/]+\/(artifact|infer|key)$/

/** A database connection failure (not an error in a query): the database is unreachable. */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return ['08', '57', '53', '58'].includes(code.slice(0, 2))
  const message = String((error as Error)?.message ?? '')
  return (
    typeof code === 'string' ||
    /connect|Connection terminated|timeout|ECONN|socket|closed|not queryable/i.test(message)
  )
}

class TimeoutError extends Error {}

/** A strong ETag of a body: the same answer has the same tag in every API process. */
const etagOf = (body: string) =>
  `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`

/**
 * A cacheable answer: 304 when the client holds it already (`If-None-Match`); `no-cache` so that
 * clients and proxies revalidate each time (it may change at the next sync).
 */
function answer(c: Context, { body, type, etag }: CachedAnswer, state: 'hit' | 'miss' | 'off') {
  const headers = {
    'content-type': type,
    etag,
    'cache-control': 'public, no-cache',
    'x-cache': state,
  }
  const match = c.req.header('if-none-match')
  if (match?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers })
  return new Response(body, { status: 200, headers })
}

export function createApi(context: ApiContext, options: ApiOptions = {}): OpenAPIHono {
  const rateLimit = options.rateLimit ?? 600
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxUrl = options.maxUrlBytes ?? 4096
  const app = new OpenAPIHono({
    defaultHook(result, c) {
      if (result.success) return
      const errors = result.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || '(body)',
        in: result.target === 'param' ? 'path' : result.target,
        message: issue.message,
      }))
      return problem(c, 400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors })
    },
  })

  // Per-client rate limit: a token bucket per address, refilled continuously.
  const buckets = new Map<string, { tokens: number; at: number }>()
  app.use('*', async (c, next) => {
    if (c.req.url.length > maxUrl) return problem(c, 400, `The URL is longer than ${maxUrl} bytes.`)
    if (rateLimit > 0) {
      let client = 'unknown'
      try {
        client = getConnInfo(c).remote.address ?? 'unknown'
      } catch {}
      const now = Date.now()
      const bucket = buckets.get(client) ?? { tokens: rateLimit, at: now }
      bucket.tokens = Math.min(rateLimit, bucket.tokens + ((now - bucket.at) * rateLimit) / 60_000)
      bucket.at = now
      if (bucket.tokens < 1) {
        buckets.set(client, bucket)
        const wait = Math.ceil(((1 - bucket.tokens) * 60_000) / rateLimit / 1000)
        c.header('retry-after', String(wait))
        return problem(c, 429, `More than ${rateLimit} requests a minute from ${client}.`)
      }
      bucket.tokens -= 1
      buckets.set(client, bucket)
      if (buckets.size > 100_000) buckets.clear()
    }
    await next()
  })
  const cache = options.cache
  app.use('/v1/*', async (c, next) => {
    const path = c.req.path
    // Public reads only: a signed request (licensed content, a usage log) is never cached.
    if (
      !cache ||
      c.req.method !== 'GET' ||
      !CACHEABLE.test(path) ||
      LICENSED.test(path) ||
      c.req.header(gatewayRequestHeaders.signature) !== undefined
    )
      return next()
    const url = c.req.url
    const key = url.slice(url.indexOf('/', url.indexOf('//') + 2))
    const hit = cache.get(key)
    if (hit) return answer(c, hit, 'hit')
    const generation = cache.generation
    await next()
    if (c.res.status !== 200) return
    const body = await c.res.text()
    const type = c.res.headers.get('content-type') ?? 'application/json'
    const fresh = { body, type, etag: etagOf(body) }
    cache.set(key, generation, fresh)
    // Replaced, not merged (the setter would copy the old answer's headers into a new Response).
    c.res = undefined
    c.res = answer(c, fresh, cache.enabled ? 'miss' : 'off')
  })
  const defaultBodyLimit = bodyLimit({
    maxSize: options.maxBodyBytes ?? 16 * 1024,
    onError: (c) => problem(c, 413, 'The request body is too large.'),
  })
  app.use('*', (c, next) =>
    // A GET carries no body the API reads; asking for it (`bodyLimit` does) builds a whole
    // Request from the socket: a tenth of a lookup's CPU.
    c.req.method === 'GET' || c.req.method === 'HEAD' || ownBodyLimit(c.req.path)
      ? next()
      : defaultBodyLimit(c, next),
  )
  app.use('*', async (c, next) => {
    // An upload streams for as long as it takes (its size is limited).
    if (c.req.path === '/v1/uploads') return next()
    let timer: ReturnType<typeof setTimeout> | undefined
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError()), timeoutMs)
    })
    try {
      await Promise.race([next(), limit])
    } finally {
      clearTimeout(timer)
    }
  })

  healthRoutes(app, context)
  modelRoutes(app, context)
  reviewRoutes(app, context)
  accountRoutes(app, context)
  roundRoutes(app, context)
  offerRoutes(app, context)
  statsRoutes(app, context)
  proposalRoutes(app, context)
  usageAnchorRoutes(app, context)
  if (context.licensing) licensedContentRoutes(app, context.licensing)

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'DAIMM gateway',
      version: '1.0.0',
      description:
        'The DAIMM protocol state (models, lineage, evaluations, offers, licenses, royalties, stakes, scoring rounds), indexed from the chain. Amounts are base-unit decimal strings with a formatted field; ids (models, offers, rounds, proposals) are 32-byte hex; times are seconds since the epoch. Errors are RFC 9457 problem details.',
    },
  })
  app.get('/docs', swaggerUI({ url: '/openapi.json' }))
  app.get('/', (c) => c.redirect('/docs'))

  app.notFound((c) => problem(c, 404, `No route ${c.req.method} ${c.req.path}.`))
  app.onError((error, c) => {
    if (error instanceof TimeoutError)
      return problem(c, 503, `The request took longer than ${timeoutMs} ms.`, {
        reason: 'timeout',
      })
    if (isUnreachable(error)) {
      c.header('retry-after', '5')
      return problem(c, 503, 'The database does not answer; try again shortly.', {
        reason: 'database unreachable',
      })
    }
    console.error(error)
    return problem(c, 500, 'Unexpected error.')
  })
  return app
}
