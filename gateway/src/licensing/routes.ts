import type { OpenAPIHono } from '@hono/zod-openapi'
import { licensingRoutes } from '../api/licensing.js'
import { uploadRoutes } from '../api/uploads.js'
import { usageRoutes } from '../api/usage.js'
import type { LicensingContext } from './context.js'

/** The licensed-content routes (docs/licensing.md): key deposit and release, inference, uploads, usage. */
export function licensedContentRoutes(app: OpenAPIHono, ctx: LicensingContext) {
  licensingRoutes(app, ctx)
  uploadRoutes(app, ctx)
  usageRoutes(app, ctx)
}

/** Paths whose bodies are limited by their own routes, not by the API's default limit. */
export const ownBodyLimit = (path: string) =>
  path === '/v1/uploads' || /^\/v1\/models\/[^/]+\/infer$/.test(path)
