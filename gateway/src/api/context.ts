import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Db } from '../db.js'
import type { LicensingContext } from '../licensing/context.js'
import type { Tokens } from './format.js'

/** What the routes read: the database, and the chain's head (for /v1/health). */
export type ApiContext = {
  db: Db
  tokens: Tokens
  /** The chain's newest block; rejects when the chain is unreachable. */
  chainHead(): Promise<bigint>
  /** The chain's newest block time in seconds (proposal states depend on it); wall clock without it. */
  chainTime?: (() => Promise<bigint>) | undefined
  /** Licensed content (keys, inference, uploads, usage): served when the gateway has a master key. */
  licensing?: LicensingContext | undefined
}

export type Api = OpenAPIHono
