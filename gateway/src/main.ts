/**
 * `npm run serve -w @daimm/gateway`: a gateway against a running chain, configured by environment:
 *
 * - DAIMM_RPC_URL (default http://127.0.0.1:8545); DAIMM_DEPLOYMENT: a deployments/<chainId>.json
 *   (default: the SDK's deployment of the chain's id);
 * - DATABASE_URL (PostgreSQL), else PGlite in DAIMM_DATA_DIR (default .daimm/gateway);
 * - DAIMM_STORE_DIR (a local content store), DAIMM_KUBO_URL (a Kubo node's RPC API) or
 *   DAIMM_IPFS_GATEWAY: where model cards are read;
 * - DAIMM_API_PORT (default: a free port), DAIMM_API_HOST (127.0.0.1), DAIMM_API_RATE_LIMIT
 *   (requests per minute per client, 600; 0 for none); DAIMM_API_CACHE=off: no response cache;
 * - DAIMM_USAGE_OPERATOR_KEY: the key that anchors the usage log on-chain (owners delegate its
 *   address with `usage.setOperator`), every DAIMM_ANCHOR_INTERVAL ms (default 60000);
 * - DAIMM_GATEWAY_ROLE: `all` (default), `api` (serve only) or `writer` (index only);
 * - DAIMM_GATEWAY_MASTER_KEY (32 bytes, hex or base64): serve licensed content (docs/licensing.md),
 *   its content keys sealed with this key; uploads go to DAIMM_STORE_DIR. DAIMM_GATEWAY_IDENTITY:
 *   the identity signed requests name (default: the API's URL origin).
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
  kuboUrl: env.DAIMM_KUBO_URL,
  usageOperatorKey: (env.DAIMM_USAGE_OPERATOR_KEY as `0x${string}` | undefined) || undefined,
  anchorInterval: env.DAIMM_ANCHOR_INTERVAL ? Number(env.DAIMM_ANCHOR_INTERVAL) : undefined,
  ipfsGateway: env.DAIMM_IPFS_GATEWAY,
  write: role !== 'api',
  serve: role !== 'writer',
  port: env.DAIMM_API_PORT ? Number(env.DAIMM_API_PORT) : undefined,
  host: env.DAIMM_API_HOST,
  rateLimit: env.DAIMM_API_RATE_LIMIT ? Number(env.DAIMM_API_RATE_LIMIT) : undefined,
  cache: env.DAIMM_API_CACHE !== 'off',
  log: (line) => console.log(line),
  masterKey: env.DAIMM_GATEWAY_MASTER_KEY || undefined,
  identity: env.DAIMM_GATEWAY_IDENTITY || undefined,
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
