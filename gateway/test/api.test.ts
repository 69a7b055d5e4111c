/**
 * The API against its OpenAPI document: every route's answers (successes and problems) validate
 * against the schemas the document gives them, and the document is valid OpenAPI 3.1. On a chain
 * seeded as `npm start` seeds it.
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findRepoRoot } from '../../sdk/src/cli/devnet.js'
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
        '/v1/offers',
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

describe('answers match the document', () => {
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
    await conforms('/v1/offers', '/v1/offers?open=true', 200)
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
    await conforms('/v1/models', '/v1/models?minRating=4', 400)
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

test('an over-long URL is refused', async () => {
  const { status, body } = await get(`/v1/models?q=${'a'.repeat(5000)}`)
  expect(status).toBe(400)
  expect(body.detail).toMatch(/URL/)
})
