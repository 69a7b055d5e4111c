/**
 * The gateway with a real Kubo node (tools/kubo, offline, temporary repository) as its content
 * store: the cards `npm start` seeds, added to Kubo under the CIDs registered on-chain, are read
 * back through Kubo's RPC API and verified.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findRepoRoot } from '../../sdk/src/cli/devnet.js'
import { type KuboNode, kuboBinary, startKubo } from '../../sdk/test/support/kubo-node.js'
import { type Gateway, startGateway } from '../src/gateway.js'
import { createKuboStore } from '../src/sdk.js'
import { seedMarketplace } from '../src/seed.js'
import { startChain, type TestChain } from './helpers.js'

const binary = await kuboBinary()
let chain: TestChain
let kubo: KuboNode
let gateway: Gateway
let seeded: Awaited<ReturnType<typeof seedMarketplace>>
let added = 0

beforeAll(async () => {
  if (binary === undefined) return
  kubo = await startKubo(binary)
  chain = await startChain()
  const storeDir = `${chain.dir}/store`
  seeded = await seedMarketplace({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    root: findRepoRoot(),
    storeDir,
    log: () => {},
  })
  // Everything the seed stored, added to Kubo with the default import settings: same CIDs.
  const store = createKuboStore({ url: kubo.url })
  for (const name of await readdir(storeDir)) {
    // Content files are named by their CID; the store keeps other files beside them (`<cid>.json`).
    if (name.includes('.')) continue
    const { cid } = await store.put(await readFile(join(storeDir, name)))
    expect(cid.toString()).toBe(name)
    added++
  }
  gateway = await startGateway({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    kuboUrl: kubo.url,
    confirmations: 0,
    rateLimit: 0,
    pollingInterval: 200,
  })
  await gateway.writer?.synced()
  await gateway.cards?.runOnce()
}, 240_000)

afterAll(async () => {
  await gateway?.stop()
  await chain?.stop()
  await kubo?.stop()
})

describe.skipIf(binary === undefined)('the gateway on a real Kubo node', () => {
  test('reads every seeded card from Kubo', async () => {
    expect(added).toBeGreaterThan(5)
    // biome-ignore lint/suspicious/noExplicitAny: answers as JSON
    const model: any = await (await fetch(`${gateway.url}/v1/models/${seeded.modelId}`)).json()
    expect(model.card.status).toBe('ok')
    expect(model.cardContent.name).toBe('iris-mlp')
    // biome-ignore lint/suspicious/noExplicitAny: answers as JSON
    const { items }: any = await (await fetch(`${gateway.url}/v1/models?limit=100`)).json()
    expect(items.length).toBeGreaterThan(5)
    expect(items.every((m: { card: { status: string } }) => m.card.status === 'ok')).toBe(true)
  })
})
