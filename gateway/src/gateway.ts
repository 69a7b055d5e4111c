/**
 * A gateway process: the writer (SDK indexer into the database, card fetcher) and the API server,
 * either or both. API processes are stateless: run as many as you like on one database; run one
 * writer (a second one waits on the advisory lock).
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createPublicClient, type Hex, http, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createApi } from './api/app.js'
import {
  announceChanges,
  createResponseCache,
  followChanges,
  type ResponseCache,
  withChangeNotices,
} from './api/cache.js'
import { type CardFetcher, startCardFetcher } from './cards.js'
import { type Db, migrate, openDb } from './db.js'
import {
  defaultLicensingLimits,
  type LicensingContext,
  type LicensingLimits,
} from './licensing/context.js'
import { parseMasterKey } from './licensing/key-store.js'
import { createDaimmClient } from './licensing/sdk.js'
import {
  type ContentReader,
  createGatewayReader,
  createKuboStore,
  createLocalStore,
  type Deployment,
} from './sdk.js'
import { type AnchorJob, startAnchoring } from './usage/anchoring.js'
import { startWriter, type Writer } from './writer.js'

export type GatewayOptions = {
  rpcUrl: string
  deployment: Deployment
  /** PostgreSQL; without it, PGlite in `dataDir` (in memory when neither is given). */
  databaseUrl?: string | undefined
  dataDir?: string | undefined
  /** Where model cards are read: a local content store directory, a Kubo node's RPC URL, or an IPFS gateway URL. */
  storeDir?: string | undefined
  kuboUrl?: string | undefined
  ipfsGateway?: string | undefined
  /** Run the writer (default true) and the API (default true). */
  write?: boolean | undefined
  serve?: boolean | undefined
  port?: number | undefined
  host?: string | undefined
  confirmations?: number | undefined
  pollingInterval?: number | undefined
  rateLimit?: number | undefined
  /**
   * The API's response cache (default true): public GET answers from memory until the indexed state
   * changes (docs/gateway.md#the-response-cache). On PostgreSQL it serves while this process
   * listens for the writers' notifications.
   */
  cache?: boolean | undefined
  log?: ((line: string) => void) | undefined
  /**
   * The operator key that anchors the usage log's Merkle roots on-chain (the models' owners delegate
   * it with `usage.setOperator`); no anchoring without it. `anchorInterval` in ms, default 60 s.
   */
  usageOperatorKey?: Hex | undefined
  anchorInterval?: number | undefined
  /**
   * Licensed content (docs/licensing.md): the master key that seals content keys at rest (32
   * bytes; hex or base64). With it (and `storeDir`, where uploads go) the API serves key deposit
   * and release, inference, uploads and the usage log.
   */
  masterKey?: string | Uint8Array | undefined
  /** The identity signed requests name (default: the API's URL origin). */
  identity?: string | undefined
  licensingLimits?: Partial<LicensingLimits> | undefined
}

export type Gateway = {
  /** The API's address (when serving). */
  url: string | undefined
  db: Db
  writer: Writer | undefined
  cards: CardFetcher | undefined
  /** The API's response cache (when serving with the cache on). */
  cache: ResponseCache | undefined
  anchoring: AnchorJob | undefined
  stop(): Promise<void>
}

/** Opens the database (waiting for it if it is away), migrates it, and starts what was asked. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const log = options.log ?? (() => {})
  const serving = options.serve ?? true
  const cache = serving && (options.cache ?? true) ? createResponseCache() : undefined
  // Every change announced through this process (`announceChanges`: the writer's syncs, the card
  // fetcher) drops the cached answers here, and (PostgreSQL) notifies the API processes elsewhere.
  const opened = options.databaseUrl
    ? await openDb({ databaseUrl: options.databaseUrl })
    : await openDb({ dataDir: options.dataDir })
  const db = withChangeNotices(opened, () => cache?.invalidate())
  for (let attempt = 1; ; attempt++) {
    try {
      const applied = await migrate(db)
      if (applied.length) {
        log(`migrated the database: ${applied.join(', ')}`)
        // A migration may rewrite rows other API processes answer from.
        await announceChanges(db)
      }
      break
    } catch (error) {
      if (attempt === 1) log(`waiting for the database: ${(error as Error).message.split('\n')[0]}`)
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)))
    }
  }

  const client = (timeout: number) =>
    createPublicClient({
      transport: http(options.rpcUrl, { retryCount: 0, timeout }),
      pollingInterval: options.pollingInterval ?? 1000,
    }) as PublicClient
  let writer: Writer | undefined
  let cards: CardFetcher | undefined
  if (options.write ?? true) {
    writer = startWriter({
      db,
      publicClient: client(10_000),
      deployment: options.deployment,
      confirmations: options.confirmations,
      pollingInterval: options.pollingInterval,
    })
    const reader = readerOf(options)
    if (reader) cards = startCardFetcher({ db, reader, pollingInterval: options.pollingInterval })
  }
  const anchoring = options.usageOperatorKey
    ? startAnchoring({
        db,
        rpcUrl: options.rpcUrl,
        deployment: options.deployment,
        account: privateKeyToAccount(options.usageOperatorKey),
        interval: options.anchorInterval,
        log,
      })
    : undefined

  // On PostgreSQL other processes may write: the cache serves while it hears them.
  const changes = cache && db.kind === 'postgres' ? followChanges(db, cache, { log }) : undefined

  let url: string | undefined
  let server: ReturnType<typeof serve> | undefined
  if (serving) {
    const chain = client(2000)
    let licensing: LicensingContext | undefined
    if (options.masterKey !== undefined) {
      if (!options.storeDir)
        throw new Error('Licensed content needs a content store (storeDir): uploads go there.')
      const masterKey =
        typeof options.masterKey === 'string'
          ? parseMasterKey(options.masterKey)
          : options.masterKey
      const publicClient = client(10_000)
      licensing = {
        db,
        chainId: options.deployment.chainId,
        identity: () => options.identity ?? new URL(url as string).origin,
        masterKey,
        publicClient,
        daimm: createDaimmClient({ publicClient, deployment: options.deployment }),
        store: createLocalStore({ directory: options.storeDir }),
        limits: { ...defaultLicensingLimits, ...options.licensingLimits },
      }
    }
    const app = createApi(
      {
        db,
        tokens: { daimm: options.deployment.contracts.token },
        chainHead: () => chain.getBlockNumber({ cacheTime: 500 }),
        chainTime: async () => (await chain.getBlock({ blockTag: 'latest' })).timestamp,
        licensing,
      },
      { rateLimit: options.rateLimit, cache },
    )
    const host = options.host ?? '127.0.0.1'
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
        resolve(s),
      )
      s.once('error', reject)
    })
    // Slow clients may not hold a connection forever.
    const http1 = server as unknown as { requestTimeout: number; headersTimeout: number }
    http1.requestTimeout = 15_000
    http1.headersTimeout = 10_000
    const { port } = server.address() as AddressInfo
    url = `http://${host}:${port}`
  }

  return {
    url,
    db,
    writer,
    cards,
    cache,
    anchoring,
    async stop() {
      await new Promise<void>((resolve) => {
        if (!server) return resolve()
        server.close(() => resolve())
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await changes?.stop()
      await anchoring?.stop()
      await cards?.stop()
      await writer?.stop()
      await db.close()
    },
  }
}

function readerOf(options: GatewayOptions): ContentReader | undefined {
  if (options.kuboUrl) return createKuboStore({ url: options.kuboUrl })
  if (options.ipfsGateway) return createGatewayReader({ url: options.ipfsGateway })
  if (options.storeDir) return createLocalStore({ directory: options.storeDir })
  return undefined
}
