/**
 * The REST API: routes under /v1 (one file per resource), the OpenAPI 3.1 document generated from
 * their schemas at /openapi.json, interactive docs at /docs. Stateless: every answer comes from the
 * database, so any number of API processes can serve one database.
 */

import { getConnInfo } from '@hono/node-server/conninfo'
import { swaggerUI } from '@hono/swagger-ui'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { licensedContentRoutes, ownBodyLimit } from '../licensing/routes.js'
import { accountRoutes } from './accounts.js'
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
   * Milliseconds a successful GET answer is served again from memory (0, the default: never). A
   * micro-cache: an answer is at most this much older than the database, which itself trails the
   * chain by the writer's polling interval. `/v1/health` is never cached.
   */
  cacheMs?: number | undefined
}

/** Answers the micro-cache holds at most (the oldest goes first). */
const CACHE_ENTRIES = 5000

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
  const cacheMs = options.cacheMs ?? 0
  const cache = new Map<string, { at: number; body: ArrayBuffer; type: string }>()
  if (cacheMs > 0)
    app.use('/v1/*', async (c, next) => {
      // Public reads only: a signed request (licensed content, a usage log) is never cached.
      if (c.req.method !== 'GET' || c.req.path === '/v1/health' || c.req.header('daimm-signature'))
        return next()
      const key = c.req.url
      const hit = cache.get(key)
      if (hit && Date.now() - hit.at < cacheMs)
        return new Response(hit.body, { headers: { 'content-type': hit.type, 'x-cache': 'hit' } })
      const at = Date.now()
      await next()
      if (c.res.status !== 200) return
      const body = await c.res.clone().arrayBuffer()
      cache.delete(key)
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
      cache.set(key, { at, body, type: c.res.headers.get('content-type') ?? 'application/json' })
    })
  const defaultBodyLimit = bodyLimit({
    maxSize: options.maxBodyBytes ?? 16 * 1024,
    onError: (c) => problem(c, 413, 'The request body is too large.'),
  })
  app.use('*', (c, next) => (ownBodyLimit(c.req.path) ? next() : defaultBodyLimit(c, next)))
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
