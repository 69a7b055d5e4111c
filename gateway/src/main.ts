/**
 * `npm run serve -w @daimm/gateway`: a gateway against a running chain, configured by environment:
 *
 * - DAIMM_RPC_URL (default http://127.0.0.1:8545); DAIMM_DEPLOYMENT: a deployments/<chainId>.json
 *   (default: the SDK's deployment of the chain's id);
 * - DATABASE_URL (PostgreSQL), else PGlite in DAIMM_DATA_DIR (default .daimm/gateway);
 * - DAIMM_STORE_DIR (a local content store) or DAIMM_IPFS_GATEWAY: where model cards are read;
 * - DAIMM_API_PORT (default: a free port), DAIMM_API_HOST (127.0.0.1), DAIMM_API_RATE_LIMIT
 *   (requests per minute per client, 600; 0 for none);
 * - DAIMM_GATEWAY_ROLE: `all` (default), `api` (serve only) or `writer` (index only).
 */
import { readFile } from 'node:fs/promises'
import { createPublicClient, http } from 'viem'
import { startGateway } from './gateway.js'
import { getDeployment, parseDeployment } from './sdk.js'

const env = process.env
const rpcUrl = env.DAIMM_RPC_URL ?? 'http://127.0.0.1:8545'
const role = env.DAIMM_GATEWAY_ROLE ?? 'all'
const deployment = env.DAIMM_DEPLOYMENT
  ? parseDeployment(JSON.parse(await readFile(env.DAIMM_DEPLOYMENT, 'utf8')))
  : getDeployment(await createPublicClient({ transport: http(rpcUrl) }).getChainId())

const gateway = await startGateway({
  rpcUrl,
  deployment,
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: env.DATABASE_URL ? undefined : (env.DAIMM_DATA_DIR ?? '.daimm/gateway'),
  storeDir: env.DAIMM_STORE_DIR,
  ipfsGateway: env.DAIMM_IPFS_GATEWAY,
  write: role !== 'api',
  serve: role !== 'writer',
  port: env.DAIMM_API_PORT ? Number(env.DAIMM_API_PORT) : undefined,
  host: env.DAIMM_API_HOST,
  rateLimit: env.DAIMM_API_RATE_LIMIT ? Number(env.DAIMM_API_RATE_LIMIT) : undefined,
  cacheMs: env.DAIMM_API_CACHE_MS ? Number(env.DAIMM_API_CACHE_MS) : undefined,
  log: (line) => console.log(line),
})
if (gateway.url) console.log(`api  ${gateway.url}`)
if (gateway.writer) console.log(`indexing ${rpcUrl} into ${gateway.db.kind}`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void gateway.stop().finally(() => process.exit(0))
  })
