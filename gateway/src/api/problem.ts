/** RFC 9457 problem details (`application/problem+json`). */

import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { refusalReasons } from '../licensing/sdk.js'

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://daimm.dev/problems/invalid-parameter' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    /** Malformed parameters, by name. */
    errors: z
      .array(z.object({ field: z.string(), in: z.string(), message: z.string() }))
      .optional(),
    /** 503: what is unreachable; 403: why a signed request was refused (docs/licensing.md). */
    reason: z
      .enum(['database unreachable', 'chain unreachable', 'timeout', ...refusalReasons])
      .optional(),
  })
  .openapi('Problem')

export type Problem = z.infer<typeof ProblemSchema>

const types: Record<number, [string, string]> = {
  400: ['invalid-parameter', 'Invalid parameter'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  413: ['too-large', 'Request too large'],
  429: ['rate-limited', 'Too many requests'],
  500: ['internal', 'Internal error'],
  503: ['unavailable', 'Service unavailable'],
}

export function problem<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  detail: string,
  extra: Partial<Problem> = {},
) {
  const [type, title] = types[status] ?? ['error', 'Error']
  const body: Problem = {
    type: `https://daimm.dev/problems/${type}`,
    title,
    status,
    detail,
    instance: c.req.path,
    ...extra,
  }
  return c.json(body, status, { 'content-type': 'application/problem+json' })
}

/** An OpenAPI response entry for a problem. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
})
