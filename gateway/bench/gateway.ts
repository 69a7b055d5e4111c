/**
 * `npm run bench:gateway`: a chain seeded with BENCH_MODELS models (default 10,000), each with an
 * offer, and BENCH_SALES licenses sold (default 2,000). It reports:
 * - indexing throughput (logs/s) of the in-memory SDK indexer, of the gateway writer into PGlite and
 *   into PostgreSQL, with the heap after each;
 * - card fetching (cards/s, verified reads from a local store);
 * - API requests/s and p50/p99 latency at 64 connections (autocannon, loopback) on PostgreSQL, for a
 *   lookup by id, a filtered list and a full-text query;
 * - the writer's heap at 10k and 100k events (synthetic events through the SDK's applyLog and the
 *   projector into PGlite).
 * Run with `node --expose-gc` (the npm script does) for heap figures after collection.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import {
  type Address,
  createPublicClient,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  toHex,
  zeroAddress,
} from 'viem'
import { encodeRegistration } from '../../sdk/src/actions/registry/types.js'
import { deployProtocol, startAnvil } from '../../sdk/src/cli/devnet.js'
import { marketplaceAbi, modelRegistryAbi } from '../../sdk/src/generated/contracts.js'
import { createApi } from '../src/api/app.js'
import { startCardFetcher } from '../src/cards.js'
import { type Db, migrate, openDb } from '../src/db.js'
import { createProjector } from '../src/projector.js'
import {
  applyLog,
  createIndexer,
  createLocalStore,
  emptyState,
  type IndexedLog,
  idKey,
} from '../src/sdk.js'
import { startWriter } from '../src/writer.js'
import { startPostgres } from '../test/setup/postgres.js'

const MODELS = Number(process.env.BENCH_MODELS ?? 10_000)
const SALES = Number(process.env.BENCH_SALES ?? Math.round(MODELS / 5))
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const BATCH = 400
const results: Record<string, unknown> = { models: MODELS, sales: SALES }
const log = (line: string) => console.log(line)

const heapMiB = () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20)
}

const WORDS = [
  'vision',
  'speech',
  'translation',
  'sentiment',
  'tabular',
  'forecast',
  'detection',
  'segmentation',
  'summarization',
  'retrieval',
  'ranking',
  'anomaly',
  'churn',
  'fraud',
  'medical',
  'legal',
  'finance',
  'retail',
  'robotics',
  'weather',
]
const TASKS = [
  'text-classification',
  'image-classification',
  'object-detection',
  'regression',
  'translation',
]

async function rpc(url: string, calls: { method: string; params: unknown[] }[]) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calls.map((c, id) => ({ jsonrpc: '2.0', id, ...c }))),
  })
  const answers = (await response.json()) as {
    id: number
    result?: unknown
    error?: { message: string }
  }[]
  for (const a of answers)
    if (a.error) throw new Error(`${calls[a.id]?.method}: ${a.error.message}`)
  return answers.sort((a, b) => a.id - b.id).map((a) => a.result)
}

/** Sends the transactions from anvil's unlocked accounts in batches, one block per batch. */
const nonces = new Map<string, number>()
async function sendAll(
  url: string,
  txs: { from: Address; to: Address; data: Hex; value?: bigint | undefined }[],
) {
  for (const from of new Set(txs.map((tx) => tx.from)))
    if (!nonces.has(from)) {
      const [count] = (await rpc(url, [
        { method: 'eth_getTransactionCount', params: [from, 'pending'] },
      ])) as Hex[]
      nonces.set(from, Number(count))
    }
  const next = (from: string) => {
    const n = nonces.get(from) ?? 0
    nonces.set(from, n + 1)
    return toHex(n)
  }
  for (let i = 0; i < txs.length; i += BATCH) {
    const hashes = (await rpc(
      url,
      txs.slice(i, i + BATCH).map((tx) => ({
        method: 'eth_sendTransaction',
        params: [
          { ...tx, gas: toHex(600_000), value: toHex(tx.value ?? 0n), nonce: next(tx.from) },
        ],
      })),
    )) as Hex[]
    await rpc(url, [{ method: 'evm_mine', params: [] }])
    const receipts = (await rpc(
      url,
      hashes.slice(-1).map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
    )) as { status: string }[]
    if (receipts[0]?.status !== '0x1') throw new Error(`a seeding transaction failed near ${i}`)
  }
}

async function seed(
  url: string,
  deployment: Awaited<ReturnType<typeof deployProtocol>>,
  storeDir: string,
) {
  const accounts = (await rpc(url, [{ method: 'eth_accounts', params: [] }]))[0] as Address[]
  const owners = accounts.slice(0, 8)
  const buyer = accounts[9] as Address
  const store = createLocalStore({ directory: storeDir })
  const ids: Hex[] = []
  const registrations = []
  for (let i = 0; i < MODELS; i++) {
    const a = WORDS[i % WORDS.length] as string
    const b = WORDS[(i * 7 + 3) % WORDS.length] as string
    const card = await store.put(
      new TextEncoder().encode(
        JSON.stringify({
          name: `${a}-${b}-${i}`,
          description: `A ${a} model for ${b} workloads, trained on corpus number ${i}`,
          author: `lab-${i % 97}`,
          tags: [a, b],
          task: TASKS[i % TASKS.length],
          license: 'DAIMM marketplace licenses',
        }),
      ),
    )
    const fingerprint = keccak256(toHex(`bench model ${i}`))
    ids.push(idKey(BigInt(fingerprint)))
    const parent = i >= 10 && i % 4 === 0 ? ids[i - 10] : undefined
    registrations.push({
      from: owners[i % owners.length] as Address,
      to: deployment.contracts.registry,
      data: encodeFunctionData({
        abi: modelRegistryAbi,
        functionName: 'register',
        args: [
          encodeRegistration({
            fingerprint,
            artifactCid: card.cid,
            metadataCid: card.cid,
            ...(parent ? { parent } : {}),
          }),
        ],
      }),
    })
  }
  await rpc(url, [{ method: 'evm_setAutomine', params: [false] }])
  let t = performance.now()
  await sendAll(url, registrations)
  log(`  registered ${MODELS} models in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  t = performance.now()
  await sendAll(
    url,
    ids.map((id, i) => ({
      from: owners[i % owners.length] as Address,
      to: deployment.contracts.market,
      data: encodeFunctionData({
        abi: marketplaceAbi,
        functionName: 'publishOffer',
        args: [
          {
            modelId: BigInt(id),
            token: zeroAddress,
            price: BigInt(1 + (i % 50)) * 10n ** 15n,
            duration: 0,
            supplyCap: 0,
            commercial: i % 2 === 0,
            termsCid: `0x01551220${'00'.repeat(31)}01`,
          } as never,
        ],
      }),
    })),
  )
  log(`  published ${MODELS} offers in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  const client = createPublicClient({ transport: http(url) })
  const head = await client.getBlockNumber()
  const published = []
  for (let from = 0n; from <= head; from += 4n)
    published.push(
      ...(await client.getContractEvents({
        address: deployment.contracts.market,
        abi: marketplaceAbi,
        eventName: 'OfferPublished',
        fromBlock: from,
        toBlock: from + 3n > head ? head : from + 3n,
      })),
    )
  t = performance.now()
  await sendAll(
    url,
    published.slice(0, SALES).map((e) => ({
      from: buyer,
      to: deployment.contracts.market,
      value: e.args.price,
      data: encodeFunctionData({
        abi: marketplaceAbi,
        functionName: 'buyLicense',
        args: [e.args.offerId as bigint, e.args.price as bigint],
      }),
    })),
  )
  log(`  sold ${SALES} licenses in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  await rpc(url, [{ method: 'evm_setAutomine', params: [true] }])
  return ids
}

async function indexInto(
  name: string,
  db: Db,
  publicClient: PublicClient,
  deployment: Awaited<ReturnType<typeof deployProtocol>>,
) {
  await migrate(db)
  const t = performance.now()
  const writer = startWriter({
    db,
    publicClient,
    deployment,
    confirmations: 12,
    pollingInterval: 100,
    blockRange: 4,
  })
  const status = await writer.synced()
  const seconds = (performance.now() - t) / 1000
  const heap = heapMiB()
  await writer.stop()
  const rate = Math.round(status.events / seconds)
  log(
    `  ${name.padEnd(10)} ${status.events} logs in ${seconds.toFixed(1)} s: ${rate} logs/s (heap ${heap} MiB)`,
  )
  results[`index_${name}`] = {
    logs: status.events,
    seconds: Number(seconds.toFixed(2)),
    logsPerSecond: rate,
    heapMiB: heap,
  }
}

async function load(name: string, base: string, paths: string[]) {
  let n = 0
  const result = await autocannon({
    url: base,
    connections: 64,
    duration: DURATION,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          path: paths[n++ % paths.length],
        }),
      },
    ],
  })
  const summary = {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
  log(
    `  ${name.padEnd(10)} ${summary.requestsPerSecond} req/s  p50 ${summary.p50} ms  p99 ${summary.p99} ms  non-2xx ${summary.non2xx}  errors ${summary.errors}`,
  )
  results[`api_${name}`] = summary
}

/** The writer's heap as events grow: synthetic registry and market events through applyLog and the projector. */
async function memoryCurve() {
  const db = await openDb({ dataDir: undefined })
  await migrate(db)
  const projector = createProjector(db)
  const state = emptyState()
  const context = { superseding: new Set<Hex>() }
  const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address
  let events = 0
  let block = 1n
  const curve: Record<string, number> = {}
  const position = () => ({
    blockNumber: block,
    blockHash: toHex(block, { size: 32 }),
    transactionHash: toHex(events, { size: 32 }),
    logIndex: events % 1000,
    blockTimestamp: 1_800_000_000n + block,
  })
  const emit = (
    contract: IndexedLog['contract'],
    eventName: string,
    args: Record<string, unknown>,
  ) => {
    applyLog(state, { contract, eventName, args, ...position() } as IndexedLog, context)
    events++
  }
  for (let i = 1; events < 100_000; i++) {
    const id = BigInt(keccak256(toHex(`synthetic ${i}`)))
    emit('registry', 'Transfer', { from: zeroAddress, to: owner, id })
    emit('registry', 'ModelRegistered', {
      id,
      publisher: owner,
      parent: 0n,
      kind: 0,
      relation: 0,
      artifactCid: `0x01551220${'11'.repeat(32)}`,
      metadataCid: `0x01551220${'22'.repeat(32)}`,
      committed: false,
    })
    emit('market', 'OfferPublished', {
      offerId: BigInt(i),
      modelId: id,
      seller: owner,
      token: zeroAddress,
      price: 10n ** 15n,
      duration: 0,
      supplyCap: 0,
      commercial: true,
      signed: false,
      termsCid: '0x',
    })
    emit('market', 'LicensePurchased', {
      modelId: id,
      buyer: owner,
      offerId: BigInt(i),
      token: zeroAddress,
      price: 10n ** 15n,
      fee: 0n,
      treasury: owner,
      expiresAt: 0n,
    })
    if (i % 250 === 0) {
      block++
      await projector.write(state, undefined, block, 0)
    }
    for (const mark of [10_000, 100_000])
      if (events >= mark && curve[`${mark}`] === undefined) {
        await projector.write(state, undefined, block, 0)
        curve[`${mark}`] = heapMiB()
        log(`  ${mark.toLocaleString('en-US')} events: heap ${curve[`${mark}`]} MiB`)
      }
  }
  results.writerHeapMiB = curve
  await db.close()
}

const dir = await mkdtemp(join(tmpdir(), 'daimm-bench-gateway-'))
const anvil = await startAnvil({ args: ['--gas-limit', '3000000000', '--order', 'fifo'] })
const postgres = await startPostgres()
try {
  log(`gateway bench: ${MODELS} models, ${MODELS} offers, ${SALES} licenses`)
  const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl })
  const storeDir = join(dir, 'store')
  const ids = await seed(anvil.rpcUrl, deployment, storeDir)
  const publicClient = createPublicClient({
    transport: http(anvil.rpcUrl, { retryCount: 0 }),
  }) as PublicClient

  log('indexing')
  let t = performance.now()
  const memory = createIndexer({ publicClient, deployment, confirmations: 12, blockRange: 4 })
  const synced = await memory.sync()
  const seconds = (performance.now() - t) / 1000
  const heap = heapMiB()
  log(
    `  ${'in-memory'.padEnd(10)} ${synced.events} logs in ${seconds.toFixed(1)} s: ${Math.round(synced.events / seconds)} logs/s (heap ${heap} MiB)`,
  )
  results.index_memory = {
    logs: synced.events,
    seconds: Number(seconds.toFixed(2)),
    logsPerSecond: Math.round(synced.events / seconds),
    heapMiB: heap,
  }

  const pglite = await openDb({ dataDir: join(dir, 'pglite') })
  await indexInto('pglite', pglite, publicClient, deployment)
  await pglite.close()
  const pg = await openDb({ databaseUrl: postgres.url, poolSize: 70 })
  await indexInto('postgres', pg, publicClient, deployment)

  const [registered] = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM models')
  const CARDS = Number(registered?.n)
  results.modelsRegistered = CARDS
  log(`cards (${CARDS} models registered)`)
  t = performance.now()
  const cards = startCardFetcher({
    db: pg,
    reader: createLocalStore({ directory: storeDir }),
    pollingInterval: 100,
  })
  for (;;) {
    const rows = await pg.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM cards GROUP BY status',
    )
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
    if ((by.ok ?? 0) + (by.invalid ?? 0) + (by.mismatch ?? 0) >= CARDS) {
      if ((by.ok ?? 0) < CARDS) log(`  cards not indexed: ${JSON.stringify(by)}`)
      break
    }
    if (performance.now() - t > 120_000) {
      const errors = await pg.query(
        "SELECT error, count(*)::int AS n FROM cards WHERE status <> 'ok' GROUP BY error",
      )
      throw new Error(`cards stuck: ${JSON.stringify(by)} ${JSON.stringify(errors)}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  await cards.stop()
  const cardSeconds = (performance.now() - t) / 1000
  log(
    `  ${CARDS} cards fetched, verified and indexed in ${cardSeconds.toFixed(1)} s (${Math.round(CARDS / cardSeconds)}/s)`,
  )
  results.cards = {
    seconds: Number(cardSeconds.toFixed(2)),
    perSecond: Math.round(CARDS / cardSeconds),
  }

  log(`API on PostgreSQL, 64 connections, ${DURATION} s each`)
  const app = createApi(
    {
      db: pg,
      tokens: { daimm: deployment.contracts.token },
      chainHead: () => publicClient.getBlockNumber(),
    },
    { rateLimit: 0 },
  )
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const sample = (n: number) =>
    Array.from({ length: n }, (_, i) => ids[(i * 7919) % ids.length] as Hex)
  await load(
    'by id',
    base,
    sample(500).map((id) => `/v1/models/${id}`),
  )
  await load(
    'filtered',
    base,
    WORDS.map(
      (_, i) =>
        `/v1/models?kind=model&forSale=true&maxPrice=${(10 + i) * 10 ** 15}&sort=price&limit=20`,
    ),
  )
  await load(
    'full text',
    base,
    WORDS.map((w, i) => `/v1/models?q=${w}%20${WORDS[(i + 3) % WORDS.length]}&limit=20`),
  )
  server.close()
  await pg.close()

  log('writer heap as events grow (synthetic events, PGlite)')
  await memoryCurve()
  await writeFile(
    new URL('./gateway.json', import.meta.url),
    `${JSON.stringify(results, null, 2)}\n`,
  )
  log('written to gateway/bench/gateway.json')
} finally {
  postgres.destroy()
  await anvil.stop()
  await rm(dir, { recursive: true, force: true })
}
process.exit(0)
