/**
 * The API against its OpenAPI document: every route's answers (successes and problems) validate
 * against the schemas the document gives them, and the document is valid OpenAPI 3.1. On a chain
 * seeded as `npm start` seeds it.
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  http,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ANVIL_PRIVATE_KEY_0, findRepoRoot } from '../../sdk/src/cli/devnet.js'
import { createDaimmClient } from '../../sdk/src/client.js'
import { marketplaceAbi } from '../../sdk/src/generated/contracts.js'
import { createApi } from '../src/api/app.js'
import { type Gateway, startGateway } from '../src/gateway.js'
import { seedMarketplace } from '../src/seed.js'
import { startChain, type TestChain } from './helpers.js'

let chain: TestChain
let gateway: Gateway
let base: string
let seeded: Awaited<ReturnType<typeof seedMarketplace>>
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document as JSON
let doc: any

beforeAll(async () => {
  chain = await startChain()
  const storeDir = `${chain.dir}/store`
  seeded = await seedMarketplace({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    root: findRepoRoot(),
    storeDir,
    log: () => {},
  })
  gateway = await startGateway({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    dataDir: undefined,
    storeDir,
    confirmations: 0,
    rateLimit: 0,
    pollingInterval: 200,
  })
  await gateway.writer?.synced()
  await gateway.cards?.runOnce()
  base = gateway.url as string
  doc = await (await fetch(`${base}/openapi.json`)).json()
}, 180_000)

afterAll(async () => {
  await gateway?.stop()
  await chain?.stop()
})

const get = async (path: string) => {
  const response = await fetch(base + path)
  // biome-ignore lint/suspicious/noExplicitAny: answers as JSON
  const body: any = await response.json()
  return { status: response.status, type: response.headers.get('content-type'), body }
}

describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  test('lists every route, and the docs page serves it', async () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/v1/accounts/{address}',
        '/v1/health',
        '/v1/models',
        '/v1/models/{id}',
        '/v1/models/{id}/reviews',
        '/v1/accounts/{address}/reviews',
        '/v1/offers',
        '/v1/proposals',
        '/v1/proposals/{id}',
        '/v1/rounds',
        '/v1/rounds/{id}',
        '/v1/stats',
        '/v1/usage/anchors',
        '/v1/usage/proofs',
      ].sort(),
    )
    const docs = await fetch(`${base}/docs`)
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain('/openapi.json')
  })
})

const ajv = () => {
  const a = new Ajv2020({ strict: false, allErrors: true })
  a.addSchema({ ...doc, $id: 'doc' })
  return a
}
const pointer = (...parts: string[]) =>
  `doc#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`

/** Calls `path` and checks its status is documented and its body fits the documented schema. */
async function conforms(template: string, path: string, expected: number) {
  const { status, type, body } = await get(path)
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(expected)
  const response = doc.paths[template].get.responses[String(status)]
  expect(response, `${template} documents ${status}`).toBeDefined()
  const contentType = Object.keys(response.content)[0] as string
  expect(type).toContain(contentType)
  const validate = ajv().compile({
    $ref: pointer(
      'paths',
      template,
      'get',
      'responses',
      String(status),
      'content',
      contentType,
      'schema',
    ),
  })
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true)
  return body
}

describe('answers match the document', () => {
  test('successes', async () => {
    const { modelId, childId } = seeded
    const owner = (await get(`/v1/models/${modelId}`)).body.owner
    await conforms('/v1/health', '/v1/health', 200)
    await conforms('/v1/stats', '/v1/stats', 200)
    await conforms('/v1/models', '/v1/models', 200)
    await conforms('/v1/models', '/v1/models?q=iris&limit=2', 200)
    await conforms('/v1/models', `/v1/models?owner=${owner}&sort=score&forSale=true`, 200)
    await conforms('/v1/models/{id}', `/v1/models/${modelId}`, 200)
    await conforms('/v1/models/{id}', `/v1/models/${childId}`, 200)
    await conforms('/v1/accounts/{address}', `/v1/accounts/${owner}`, 200)
    await conforms('/v1/rounds', '/v1/rounds', 200)
    await conforms('/v1/rounds/{id}', '/v1/rounds/1', 200)
    await conforms('/v1/rounds/{id}', `/v1/rounds/0x${'0'.repeat(63)}1`, 200)
    await conforms('/v1/offers', '/v1/offers?open=true', 200)
    await conforms('/v1/models', '/v1/models?minRating=3&sort=rating', 200)
    await conforms('/v1/models/{id}/reviews', `/v1/models/${childId}/reviews?limit=1`, 200)
    const buyer = (await get(`/v1/models/${childId}/reviews`)).body.items[0].reviewer
    await conforms('/v1/accounts/{address}/reviews', `/v1/accounts/${buyer}/reviews`, 200)
    await conforms('/v1/usage/anchors', `/v1/usage/anchors?model=${modelId}`, 200)
    await conforms('/v1/usage/proofs', '/v1/usage/proofs?seq=1,2', 200)
  })

  test('problems: 400 naming the field, 404', async () => {
    const bad = await conforms('/v1/models', '/v1/models?limit=1000&owner=0x12', 400)
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'owner'])
    expect(bad.errors[0].in).toBe('query')
    const badId = await conforms('/v1/models/{id}', '/v1/models/not-an-id', 400)
    expect(badId.errors[0]).toMatchObject({ field: 'id', in: 'path' })
    await conforms('/v1/models/{id}', `/v1/models/0x${'11'.repeat(32)}`, 404)
    await conforms('/v1/rounds/{id}', '/v1/rounds/999', 404)
    await conforms('/v1/models', '/v1/models?minRating=6', 400)
    await conforms('/v1/models/{id}/reviews', `/v1/models/0x${'11'.repeat(32)}/reviews`, 404)
    await conforms(
      '/v1/models/{id}/reviews',
      `/v1/models/${seeded.childId}/reviews?cursor=e30`,
      400,
    )
    await conforms('/v1/offers', '/v1/offers?cursor=e30', 400)
    await conforms('/v1/models', '/v1/models?cursor=bogus', 400)
    await conforms('/v1/accounts/{address}', '/v1/accounts/0xnope', 400)
    await conforms('/v1/usage/proofs', '/v1/usage/proofs?seq=1;2', 400)
    const unknown = await get('/v1/nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.type).toContain('application/problem+json')
  })
})

describe('what the models API finds', () => {
  const names = (body: { items: { card: { name: string } }[] }) =>
    body.items.map((m) => m.card.name)

  test('q=iris finds the demo model; its page shows lineage, evaluation, offers', async () => {
    const { body } = await get('/v1/models?q=iris')
    expect(names(body)).toEqual(
      expect.arrayContaining(['iris-mlp', 'iris-mlp-ft', 'iris-mlp-int8']),
    )
    const child = (await get(`/v1/models/${seeded.childId}`)).body
    expect(child.lineage.ancestors).toEqual([{ id: seeded.modelId, relation: 'none', depth: 1 }])
    expect(child.offers).toHaveLength(1)
    expect(child.offers[0].price.formatted).toBe('1,000 DAIMM')
    expect(child.licenseCount).toBe(1)
    const model = (await get(`/v1/models/${seeded.modelId}`)).body
    expect(model.evaluations).toHaveLength(1)
    expect(model.evaluations[0].score).toBe(model.score)
    expect(model.lineage.descendants.map((d: { id: string }) => d.id)).toContain(seeded.childId)
    expect(model.card.status).toBe('ok')
    expect(model.cardContent.name).toBe('iris-mlp')
  })

  test('filters', async () => {
    const all = (await get('/v1/models?limit=100')).body.items
    expect(all).toHaveLength(12)
    expect(names((await get('/v1/models?kind=dataset')).body)).toEqual(['iris-features-2026'])
    expect(names((await get(`/v1/models?parent=${seeded.modelId}&sort=oldest`)).body)).toEqual([
      'iris-mlp-ft',
      'iris-mlp-int8',
    ])
    expect(names((await get('/v1/models?relation=distilled')).body)).toEqual(['sentiment-tiny'])
    const scored = (await get('/v1/models?minScore=50')).body.items
    expect(scored.map((m: { id: string }) => m.id)).toEqual([seeded.modelId])
    const model = (await get(`/v1/models/${seeded.modelId}`)).body
    const benchmark = model.evaluations[0].benchmarkId
    expect((await get(`/v1/models?minScore=50&benchmark=${benchmark}`)).body.items).toHaveLength(1)
    expect((await get(`/v1/models?minScore=100&benchmark=${benchmark}`)).body.items).toHaveLength(0)
    expect(
      (await get(`/v1/models?minScore=1&benchmark=0x${'00'.repeat(32)}`)).body.items,
    ).toHaveLength(0)
    const forSale = (await get('/v1/models?forSale=true&limit=100')).body.items
    expect(forSale).toHaveLength(9)
    // Under 100 DAIMM: 5, 25, 40, 60, 80.
    const cheap = (await get('/v1/models?maxPrice=100000000000000000000&sort=price&limit=100')).body
    expect(
      cheap.items.map((m: { lowestPrice: { formatted: string } }) => m.lowestPrice.formatted),
    ).toEqual(['5 DAIMM', '25 DAIMM', '40 DAIMM', '60 DAIMM', '80 DAIMM'])
    // Ranked: the name matches before a description that mentions it.
    expect(names((await get('/v1/models?q=sentiment%20finance')).body)).toEqual([
      'sentiment-base-finance',
      'multilingual-merge',
    ])
    expect(names((await get('/v1/models?q=%22keyword%20spotting%22')).body)).toEqual([
      'speech-commands-kws',
    ])
  })

  test('cursor pagination visits every model once, in each sort', async () => {
    for (const sort of ['newest', 'oldest', 'score', 'price']) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await get(`/v1/models?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`)
        ).body
        seen.push(...page.items.map((m: { id: string }) => m.id))
        cursor = page.nextCursor
      } while (cursor)
      expect(new Set(seen).size, sort).toBe(12)
      expect(seen, sort).toHaveLength(12)
    }
    const relevance: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await get(`/v1/models?q=iris&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).body
      relevance.push(...page.items.map((m: { id: string }) => m.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(relevance).toEqual(
      (await get('/v1/models?q=iris')).body.items.map((m: { id: string }) => m.id),
    )
  })
})

describe('ratings and reviews', () => {
  test("each model's rating is the Marketplace's ratingOf, and its reviews are its Reviewed events", async () => {
    const publicClient = createPublicClient({ chain: foundry, transport: http(chain.anvil.rpcUrl) })
    const daimm = createDaimmClient({ publicClient, deployment: chain.deployment })
    const all = (await get('/v1/models?limit=100')).body.items as {
      id: string
      rating: number | null
      ratingCount: number
    }[]
    let reviewed = 0
    for (const m of all) {
      const onChain = await daimm.market.getRating({ modelId: m.id as Hex })
      expect({ rating: m.rating, count: m.ratingCount }, m.id).toEqual({
        rating: onChain.average,
        count: onChain.count,
      })
      const reviews = (await get(`/v1/models/${m.id}/reviews`)).body.items
      expect(reviews).toHaveLength(onChain.count)
      for (const r of reviews) {
        const latest = await publicClient.readContract({
          address: chain.deployment.contracts.market,
          abi: marketplaceAbi,
          functionName: 'reviewOf',
          args: [BigInt(m.id), r.reviewer],
        })
        expect(r.rating).toBe(Number(latest))
      }
      if (onChain.count > 0) reviewed += 1
    }
    // The demo's fine-tune and every sample that sold a license.
    expect(reviewed).toBe(4)
  })

  test('minRating filters, sort=rating orders and pages, reviews page newest first', async () => {
    const rated = (await get('/v1/models?minRating=4&limit=100')).body.items
    expect(rated.length).toBeGreaterThan(0)
    for (const m of rated) expect(m.rating).toBeGreaterThanOrEqual(4)
    const unrated = (await get('/v1/models?limit=100')).body.items.filter(
      (m: { rating: number | null }) => m.rating === null || m.rating < 4,
    )
    expect(rated.length + unrated.length).toBe(12)
    const seen: { rating: number | null }[] = []
    let cursor: string | null = null
    do {
      const page: { items: { rating: number | null }[]; nextCursor: string | null } = (
        await get(`/v1/models?sort=rating&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).body
      seen.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(12)
    const ratings = seen.map((m) => m.rating ?? 0)
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a))
    const child = (await get(`/v1/models/${seeded.childId}`)).body
    expect(child.rating).toBe(5)
    expect(child.reviews).toHaveLength(1)
    expect(child.reviews[0].reviewCid).toMatch(/^b/)
    const buyer = child.reviews[0].reviewer
    const byBuyer: { modelId: string; blockNumber: string }[] = []
    cursor = null
    do {
      const page: { items: typeof byBuyer; nextCursor: string | null } = (
        await get(`/v1/accounts/${buyer}/reviews?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).body
      byBuyer.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(byBuyer).toHaveLength(4)
    expect(new Set(byBuyer.map((r) => r.modelId)).size).toBe(4)
    const blocks = byBuyer.map((r) => BigInt(r.blockNumber))
    expect(blocks).toEqual([...blocks].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)))
  })
})

describe('ids are 32-byte hex', () => {
  test('offers, rounds, evaluations and licenses answer hex ids; rounds are found by either form', async () => {
    const hex32 = /^0x[0-9a-f]{64}$/
    const offers = (await get('/v1/offers?limit=100')).body.items
    expect(offers.length).toBeGreaterThan(0)
    for (const o of offers) expect(o.id).toMatch(hex32)
    const rounds = (await get('/v1/rounds')).body.items
    for (const r of rounds) expect(r.id).toMatch(hex32)
    const model = (await get(`/v1/models/${seeded.modelId}`)).body
    expect(model.evaluations[0].roundId).toMatch(hex32)
    const round = await get(`/v1/rounds/${model.evaluations[0].roundId}`)
    expect(round.status).toBe(200)
    expect(round.body.id).toBe(model.evaluations[0].roundId)
    expect((await get(`/v1/rounds/${BigInt(round.body.id)}`)).body.id).toBe(round.body.id)
    const buyer = (await get(`/v1/models/${seeded.childId}/reviews`)).body.items[0].reviewer
    const account = (await get(`/v1/accounts/${buyer}`)).body
    for (const l of account.licenses) expect(l.offerId).toMatch(hex32)
    // Offer pages follow the hex ids down, each offer once.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await get(`/v1/offers?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).body
      seen.push(...page.items.map((o) => o.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(offers.map((o: { id: string }) => o.id))
  })
})

describe('governance proposals', () => {
  test("two proposals through vote, queue and execution: the API's state is the governor's at each step", async () => {
    const transport = http(chain.anvil.rpcUrl)
    const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 })
    const walletClient = createWalletClient({
      chain: foundry,
      transport,
      account: privateKeyToAccount(ANVIL_PRIVATE_KEY_0),
    })
    const team = createDaimmClient({ publicClient, walletClient, deployment: chain.deployment })
    const testClient = createTestClient({ mode: 'anvil', chain: foundry, transport })
    const advance = async (seconds: number) => {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    }
    // A call that changes nothing: the timelock sends 0 DAIMM to itself.
    const { timelock, token } = chain.deployment.contracts
    const call = {
      target: token,
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [timelock, 0n] }),
    }
    const passing = { calls: [call], description: `Passes (${Date.now()})` }
    const failing = { calls: [call], description: `Fails without votes (${Date.now()})` }
    const { proposalId } = await team.governance.propose(passing)
    const { proposalId: failingId } = await team.governance.propose(failing)
    /** The API's answer once the writer has synced, checked against the governor's `state`. */
    const check = async (id: bigint) => {
      await gateway.writer?.synced()
      const body = (await get(`/v1/proposals/${id}`)).body
      expect(body.state, body.description).toBe(
        await team.governance.getProposalState({ proposalId: id }),
      )
      return body
    }
    const created = await check(proposalId)
    expect(created).toMatchObject({
      id: toHex(proposalId, { size: 32 }),
      proposer: walletClient.account.address,
      stage: 'created',
      description: passing.description,
      calls: [{ target: token, value: '0', data: call.data }],
      voters: 0,
      eta: null,
    })
    expect(created.quorum.value).not.toBe('0')
    await advance(2) // past the local voting delay
    expect((await check(proposalId)).state).toBe('active')
    await team.governance.castVote({ proposalId, support: 'for' })
    await advance(301) // past the local voting period
    const passed = await check(proposalId)
    expect(passed.state).toBe('succeeded')
    const details = await team.governance.getProposal({ proposalId })
    expect(passed.votes.for.value).toBe(details?.votes.for.toString())
    expect(passed.voters).toBe(1)
    expect((await check(failingId)).state).toBe('defeated')
    await team.governance.queue(passing)
    const queued = await check(proposalId)
    expect(queued.state).toBe('queued')
    expect(queued.eta).not.toBeNull()
    await advance(61) // past the local timelock delay
    await team.governance.execute(passing)
    expect((await check(proposalId)).state).toBe('executed')
    const list = (await get('/v1/proposals?limit=1')).body
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([toHex(failingId, { size: 32 })])
    const next = (await get(`/v1/proposals?limit=1&cursor=${list.nextCursor}`)).body
    expect(next.items.map((p: { id: string }) => p.id)).toEqual([toHex(proposalId, { size: 32 })])
    await conforms('/v1/proposals', '/v1/proposals', 200)
    await conforms('/v1/proposals/{id}', `/v1/proposals/${proposalId}`, 200)
    await conforms('/v1/proposals/{id}', '/v1/proposals/0x1234', 404)
    await conforms('/v1/proposals', '/v1/proposals?proposer=0x12', 400)
  })
})

test('a client over its rate limit gets 429 with Retry-After', async () => {
  const app = createApi(
    {
      db: gateway.db,
      tokens: { daimm: chain.deployment.contracts.token },
      chainHead: async () => 1n,
    },
    { rateLimit: 5 },
  )
  const statuses: number[] = []
  for (let i = 0; i < 7; i++) statuses.push((await app.request('/v1/stats')).status)
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
  const limited = await app.request('/v1/stats')
  expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  expect(limited.headers.get('content-type')).toContain('application/problem+json')
})

test('the response cache (on by default) answers the same again; 404 and health are computed', async () => {
  const first = await fetch(`${base}/v1/models/${seeded.modelId}`)
  const again = await fetch(`${base}/v1/models/${seeded.modelId}`)
  expect(['miss', 'hit']).toContain(first.headers.get('x-cache'))
  expect(again.headers.get('x-cache')).toBe('hit')
  expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
  expect(await again.json()).toEqual(await first.json())
  await fetch(`${base}/v1/models/0x${'11'.repeat(32)}`)
  expect((await fetch(`${base}/v1/models/0x${'11'.repeat(32)}`)).headers.get('x-cache')).toBeNull()
  expect((await fetch(`${base}/v1/health`)).headers.get('x-cache')).toBeNull()
})

test('an over-long URL is refused', async () => {
  const { status, body } = await get(`/v1/models?q=${'a'.repeat(5000)}`)
  expect(status).toBe(400)
  expect(body.detail).toMatch(/URL/)
})
