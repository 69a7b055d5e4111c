/**
 * Licensed content on anvil with the real deployment: `daimm register --encrypt`, a licensee's
 * `daimm fetch` and `daimm infer`, every refusal (no license, expired, commercial only, flagged,
 * bad signature, replayed, expired request), uploads, and the usage log's hash chain. The new
 * routes' answers are checked against the OpenAPI document.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  parseEther,
  sha256,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ANVIL_KEYS } from '../../sdk/src/cli/dev-accounts.js'
import { createDaimmClient } from '../../sdk/src/client.js'
import { modelRegistryAbi } from '../../sdk/src/generated/contracts.js'
import {
  createWrappingKeyPair,
  depositContentKey,
  encryptContent,
  encryptedSize as encryptedSizeOf,
  fetchLicensedModel,
  GatewayRefusedError,
  generateContentKey,
  getUsage,
  requestContentKey,
  signGatewayRequest,
  uploadArtifact,
} from '../../sdk/src/licensing/index.js'
import { fetchLicensedContent, uploadContent } from '../../sdk/src/licensing/portable.js'
import { createLocalStore } from '../../sdk/src/storage/local-store.js'
import { genesisUsageHash, usageEntryHash } from '../../sdk/src/usage/entry.js'
import { usageEntryToJson } from '../../sdk/src/usage/json.js'
import { bundleCli } from '../../sdk/test/support/cli.js'
import { type Gateway, startGateway } from '../src/gateway.js'
import { startAnchoring } from '../src/usage/anchoring.js'
import { startChain, type TestChain } from './helpers.js'

const iris = new URL('../../sdk/assets/eval/iris-mlp.onnx', import.meta.url).pathname
const termsCid = `0x01551220${sha256(toHex('licensing terms')).slice(2)}` as Hex
const [publisherKey, licenseeKey, strangerKey, shortKey] = ANVIL_KEYS as unknown as Hex[]
const publisher = privateKeyToAccount(publisherKey as Hex)
const licensee = privateKeyToAccount(licenseeKey as Hex)

let chain: TestChain
let gateway: Gateway
let base: string
let storeDir: string
let cli: Awaited<ReturnType<typeof bundleCli>>
let deploymentFile: string
let modelId: Hex
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document as JSON
let doc: any = {}

const UPLOAD_LIMIT = 1024 * 1024

beforeAll(async () => {
  chain = await startChain()
  storeDir = join(chain.dir, 'store')
  gateway = await startGateway({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    dataDir: undefined,
    storeDir,
    write: false,
    rateLimit: 0,
    masterKey: randomBytes(32).toString('hex'),
    licensingLimits: { uploadBytes: UPLOAD_LIMIT, inferPerMinute: 1000 },
  })
  base = gateway.url as string
  deploymentFile = join(chain.dir, 'deployment.json')
  await writeFile(deploymentFile, JSON.stringify(chain.deployment))
  cli = await bundleCli()
  doc = await (await fetch(`${base}/openapi.json`)).json()
}, 180_000)

afterAll(async () => {
  await cli?.remove()
  await gateway?.stop()
  await chain?.stop()
})

/** `daimm <args>` as the account of `key`, against the test chain and gateway. */
async function daimm(key: Hex, ...args: string[]) {
  process.env.DAIMM_PRIVATE_KEY = key
  try {
    return await cli.run(...args, '--rpc', chain.anvil.rpcUrl, '--deployment', deploymentFile)
  } finally {
    delete process.env.DAIMM_PRIVATE_KEY
  }
}

const clientOf = (key: Hex) => {
  const transport = http(chain.anvil.rpcUrl, { retryCount: 0 })
  return createDaimmClient({
    publicClient: createPublicClient({ chain: foundry, transport, pollingInterval: 50 }),
    walletClient: createWalletClient({
      chain: foundry,
      transport,
      account: privateKeyToAccount(key),
    }),
    deployment: chain.deployment,
  })
}
const as = (key: Hex) => ({ gatewayUrl: base, signer: privateKeyToAccount(key), chainId: 31337 })
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('not refused')
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(GatewayRefusedError)
      return error as GatewayRefusedError
    },
  )

/** Checks a body against the schema the document gives `template` for `method` and `status`. */
function conforms(template: string, method: string, status: number, body: unknown) {
  const response = doc.paths[template]?.[method]?.responses?.[String(status)]
  expect(response, `${method} ${template} documents ${status}`).toBeDefined()
  const contentType = Object.keys(response.content)[0] as string
  const a = new Ajv2020({ strict: false, allErrors: true })
  a.addSchema({ ...doc, $id: 'doc' })
  const esc = (p: string) => p.replaceAll('~', '~0').replaceAll('/', '~1')
  const validate = a.compile({
    $ref: `doc#/paths/${esc(template)}/${method}/responses/${status}/content/${esc(contentType)}/schema`,
  })
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true)
}

describe('an encrypted model, end to end', () => {
  test('daimm register --encrypt: the id is the plaintext SHA-256, the stored artifact is ciphertext', async () => {
    const run = await daimm(
      publisherKey as Hex,
      'register',
      iris,
      '--encrypt',
      '--api',
      base,
      '--store',
      storeDir,
      '--json',
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const registered = JSON.parse(run.stdout)
    const plain = await readFile(iris)
    modelId = registered.id
    expect(modelId).toBe(sha256(plain))
    expect(registered.encrypted).toBe(true)
    const stored = await readFile(join(storeDir, registered.artifactCid))
    expect(stored.subarray(0, 8).toString('ascii')).toBe('DAIMMENC')
    expect(stored.includes(plain.subarray(0, 64))).toBe(false)
    const publisherClient = clientOf(publisherKey as Hex)
    await publisherClient.market.publishOffer({
      terms: { modelId, price: parseEther('0.01'), duration: 86_400n, termsCid, commercial: true },
    })
    await publisherClient.market.publishOffer({
      terms: { modelId, price: parseEther('0.01'), duration: 600n, termsCid },
    })
    await clientOf(licenseeKey as Hex).market.buyLicense({
      offerId: 1n,
      maxPrice: parseEther('0.01'),
    })
    await clientOf(shortKey as Hex).market.buyLicense({ offerId: 2n, maxPrice: parseEther('0.01') })
  })

  test("a licensee's daimm fetch writes bytes whose SHA-256 is the model id", async () => {
    const out = join(chain.dir, 'fetched.onnx')
    const run = await daimm(
      licenseeKey as Hex,
      'fetch',
      modelId,
      '--out',
      out,
      '--api',
      base,
      '--store',
      storeDir,
      '--json',
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const bytes = await readFile(out)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(modelId.slice(2))
    expect(bytes.equals(await readFile(iris))).toBe(true)
  })

  test('fetchLicensedModel without a reader downloads the ciphertext from the gateway', async () => {
    const out = join(chain.dir, 'from-gateway.onnx')
    const fetched = await fetchLicensedModel({ ...as(licenseeKey as Hex), modelId, out })
    expect(fetched.fingerprint).toBe(modelId)
    expect((await readFile(out)).equals(await readFile(iris))).toBe(true)
    const refused = await refusal(
      fetch(`${base}/v1/models/${modelId}/artifact`, {
        headers: await signGatewayRequest({
          signer: privateKeyToAccount(strangerKey as Hex),
          chainId: 31337,
          url: `${base}/v1/models/${modelId}/artifact`,
          method: 'GET',
        }),
      }).then(async (r) => {
        const body = (await r.json()) as { reason?: string }
        conforms('/v1/models/{id}/artifact', 'get', r.status, body)
        throw new GatewayRefusedError({ status: r.status, reason: body.reason, url: '' })
      }),
    )
    expect(refused).toMatchObject({ status: 403, reason: 'no license' })
  })

  test('fetchLicensedContent (@daimm/sdk/licensing, as a page runs it) decrypts in memory, checked, with progress', async () => {
    const progress: string[] = []
    const fromGateway = await fetchLicensedContent({
      ...as(licenseeKey as Hex),
      modelId,
      onProgress: (p) => progress.push(p.stage === 'key' ? 'key' : `${p.done}/${p.total}`),
    })
    expect(fromGateway.fingerprint).toBe(modelId)
    expect(Buffer.from(fromGateway.bytes).equals(await readFile(iris))).toBe(true)
    expect(progress[0]).toBe('key')
    const size = (await readFile(iris)).byteLength
    // Every ciphertext byte counted; the total when the answer gives a length (this one streams).
    const sealed = encryptedSizeOf(size)
    expect(progress.at(-1)).toMatch(new RegExp(`^${sealed}/(${sealed}|null)$`))
    const fromStore = await fetchLicensedContent({
      ...as(licenseeKey as Hex),
      modelId,
      reader: createLocalStore({ directory: storeDir }),
    })
    expect(fromStore.bytes).toEqual(fromGateway.bytes)
    await expect(
      fetchLicensedContent({ ...as(strangerKey as Hex), modelId }),
    ).rejects.toMatchObject({ name: 'GatewayRefusedError', reason: 'no license' })
  })

  test('a non-licensee exits non-zero with the reason, and no file is written', async () => {
    const out = join(chain.dir, 'stolen.onnx')
    const run = await daimm(
      strangerKey as Hex,
      'fetch',
      modelId,
      '--out',
      out,
      '--api',
      base,
      '--store',
      storeDir,
    )
    expect(run.code).not.toBe(0)
    expect(run.stderr.split('\n')[0]).toMatch(/refused: no license/)
    expect(
      (await readdir(chain.dir)).filter(
        (f) => f.includes('stolen') || f.startsWith('.daimm-fetch'),
      ),
    ).toEqual([])
  })

  test('daimm infer gives the class daimm eval predicts for the same row', async () => {
    const row = [5.8, 2.7, 5.1, 1.9]
    const csv = join(chain.dir, 'row.csv')
    await writeFile(
      csv,
      `sepal_length,sepal_width,petal_length,petal_width,label\n${row.join(',')},2\n`,
    )
    const evaluated = await cli.run('eval', iris, '--data', csv, '--json')
    expect(evaluated.code).toBe(0)
    const confusion: number[][] = JSON.parse(evaluated.stdout).confusion
    const evalClass = (confusion.find((r) => r.some((v) => v > 0)) as number[]).findIndex(
      (v) => v > 0,
    )

    const run = await daimm(
      licenseeKey as Hex,
      'infer',
      modelId,
      '--input',
      JSON.stringify(row),
      '--api',
      base,
      '--json',
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    conforms('/v1/models/{id}/infer', 'post', 200, result)
    const [first] = Object.values(result.outputs) as { dims: number[]; data: number[] }[]
    const scores = (first as { data: number[] }).data
    const inferClass = scores.length === 1 ? scores[0] : scores.indexOf(Math.max(...scores))
    expect(inferClass).toBe(evalClass)

    const refused = await daimm(
      strangerKey as Hex,
      'infer',
      modelId,
      '--input',
      JSON.stringify(row),
      '--api',
      base,
    )
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/no license/)
  })

  test('inputs that do not fit the model are refused with 400', async () => {
    const call = (inputs: unknown) =>
      refusal(
        (async () => {
          const { inferModel } = await import('../../sdk/src/licensing/infer-model.js')
          return inferModel({ ...as(licenseeKey as Hex), modelId, inputs: inputs as never })
        })(),
      )
    expect((await call({ '': { type: 'float32', dims: [1, 3], data: [1, 2, 3] } })).status).toBe(
      400,
    )
    expect((await call({ '': { type: 'float32', dims: [1, 4], data: [1, 2, 3] } })).status).toBe(
      400,
    )
    expect((await call({ '': { type: 'int32', dims: [1, 4], data: [1, 2, 3, 4] } })).status).toBe(
      400,
    )
    expect(
      (await call({ nope: { type: 'float32', dims: [1, 4], data: [1, 2, 3, 4] } })).status,
    ).toBe(400)
  })
})

describe('refusals', () => {
  const release = async (
    headers: Record<string, string>,
    body: string,
    url = `${base}/v1/models/${modelId}/key`,
  ) => {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...headers, 'content-type': 'application/json' },
    })
    const json = (await response.json()) as { reason?: string; status?: number }
    if (response.status !== 200) conforms('/v1/models/{id}/key', 'post', response.status, json)
    return { status: response.status, json }
  }
  const body = JSON.stringify({ publicKey: createWrappingKeyPair().publicKey })
  const sign = (options: { gateway?: string; lifetime?: number; key?: Hex } = {}) =>
    signGatewayRequest({
      signer: privateKeyToAccount(options.key ?? (licenseeKey as Hex)),
      chainId: 31337,
      url: `${base}/v1/models/${modelId}/key`,
      method: 'POST',
      body,
      gateway: options.gateway,
      lifetime: options.lifetime,
    })

  test('a replayed request is refused', async () => {
    const headers = await sign()
    const first = await release(headers, body)
    expect(first.status).toBe(200)
    conforms('/v1/models/{id}/key', 'post', 200, first.json)
    const again = await release(headers, body)
    expect(again).toMatchObject({ status: 403, json: { reason: 'replayed' } })
    const lowOrder = JSON.stringify({ publicKey: 'A'.repeat(43) })
    const bad = await release(
      await signGatewayRequest({
        signer: licensee,
        chainId: 31337,
        url: `${base}/v1/models/${modelId}/key`,
        method: 'POST',
        body: lowOrder,
      }),
      lowOrder,
    )
    expect(bad.status).toBe(400)
  })

  test('a bad signature is refused: another body, another gateway, a forged signer', async () => {
    const other = JSON.stringify({ publicKey: createWrappingKeyPair().publicKey })
    expect((await release(await sign(), other)).json.reason).toBe('bad signature')
    expect(
      (await release(await sign({ gateway: 'https://other.example' }), body)).json.reason,
    ).toBe('bad signature')
    const forged = {
      ...(await sign({ key: strangerKey as Hex })),
      'daimm-signer': licensee.address,
    }
    expect((await release(forged, body)).json.reason).toBe('bad signature')
    expect((await release({}, body)).json.reason).toBe('bad signature')
  })

  test('an expired request is refused', async () => {
    expect((await release(await sign({ lifetime: -120 }), body)).json).toMatchObject({
      status: 403,
      reason: 'request expired',
    })
  })

  test('an expired license is refused, with that reason', async () => {
    const testClient = createTestClient({
      chain: foundry,
      mode: 'anvil',
      transport: http(chain.anvil.rpcUrl),
    })
    await testClient.increaseTime({ seconds: 3600 })
    await testClient.mine({ blocks: 1 })
    const error = await refusal(requestContentKey({ ...as(shortKey as Hex), modelId }))
    expect(error).toMatchObject({ status: 403, reason: 'license expired' })
  })

  test('only the owner deposits a key', async () => {
    const error = await refusal(
      depositContentKey({ ...as(strangerKey as Hex), modelId, contentKey: generateContentKey() }),
    )
    expect(error).toMatchObject({ status: 403, reason: 'not the owner' })
  })

  test('a commercial-only model refuses a non-commercial license; a flagged model refuses everyone', async () => {
    // A second model, encrypted and uploaded through the SDK.
    const plain = randomBytes(5000)
    const contentKey = generateContentKey()
    const parts: Uint8Array[] = []
    for await (const c of encryptContent(plain, contentKey)) parts.push(c)
    const path = join(chain.dir, 'second.enc')
    await writeFile(path, Buffer.concat(parts))
    const uploaded = await uploadArtifact({ ...as(publisherKey as Hex), path })
    conforms('/v1/uploads', 'post', 200, uploaded)
    expect(uploaded.size).toBe(Buffer.concat(parts).byteLength)
    const publisherClient = clientOf(publisherKey as Hex)
    const { id } = await publisherClient.registry.register({
      registration: {
        fingerprint: sha256(plain),
        artifactCid: uploaded.cid,
        metadataCid: uploaded.cid,
      },
    })
    await depositContentKey({
      ...as(publisherKey as Hex),
      modelId: id,
      contentKey,
      commercialOnly: true,
    })
    const { offerId } = await publisherClient.market.publishOffer({
      terms: { modelId: id, price: parseEther('0.01'), termsCid },
    })
    await clientOf(licenseeKey as Hex).market.buyLicense({ offerId, maxPrice: parseEther('0.01') })
    const error = await refusal(requestContentKey({ ...as(licenseeKey as Hex), modelId: id }))
    expect(error).toMatchObject({ status: 403, reason: 'commercial license required' })

    const testClient = createTestClient({
      chain: foundry,
      mode: 'anvil',
      transport: http(chain.anvil.rpcUrl),
    })
    const { timelock, registry } = chain.deployment.contracts
    await testClient.impersonateAccount({ address: timelock })
    await testClient.setBalance({ address: timelock, value: parseEther('1') })
    const hash = await createWalletClient({
      chain: foundry,
      transport: http(chain.anvil.rpcUrl),
    }).sendTransaction({
      account: timelock,
      to: registry,
      data: encodeFunctionData({
        abi: modelRegistryAbi,
        functionName: 'setFlagged',
        args: [BigInt(modelId), true],
      }),
    })
    await createPublicClient({
      chain: foundry,
      transport: http(chain.anvil.rpcUrl),
    }).waitForTransactionReceipt({ hash })
    const flagged = await refusal(requestContentKey({ ...as(licenseeKey as Hex), modelId }))
    expect(flagged).toMatchObject({ status: 403, reason: 'model flagged' })
  })
})

describe('uploads', () => {
  const upload = async (bytes: Uint8Array, signedBytes = bytes) => {
    const headers = await signGatewayRequest({
      signer: publisher,
      chainId: 31337,
      url: `${base}/v1/uploads`,
      method: 'POST',
      body: signedBytes,
    })
    const response = await fetch(`${base}/v1/uploads`, {
      method: 'POST',
      body: bytes,
      headers: { ...headers, 'content-type': 'application/octet-stream' },
    })
    return { status: response.status, json: await response.json() }
  }
  const storeFiles = async () => (await readdir(storeDir)).sort()

  test('an upload over the limit, or not the body signed, leaves nothing behind', async () => {
    const before = await storeFiles()
    const big = await upload(randomBytes(UPLOAD_LIMIT + 1))
    expect(big.status).toBe(413)
    conforms('/v1/uploads', 'post', 413, big.json)
    const swapped = await upload(randomBytes(1000), randomBytes(1000))
    expect(swapped).toMatchObject({ status: 403, json: { reason: 'bad signature' } })
    expect(await storeFiles()).toEqual(before)
    const ok = await upload(randomBytes(1000))
    expect(ok.status).toBe(200)
    expect((await storeFiles()).length).toBe(before.length + 2)
  })

  test('a signed request (its nonce, its upload) is no change to the cached answers', async () => {
    const stats = async () => (await fetch(`${base}/v1/stats`)).headers.get('x-cache')
    await stats()
    const at = gateway.cache?.generation
    expect(await stats()).toBe('hit')
    await uploadContent({ ...as(publisherKey as Hex), bytes: randomBytes(500) })
    expect(gateway.cache?.generation).toBe(at)
    expect(await stats()).toBe('hit')
  })

  test('uploadContent (@daimm/sdk/licensing) stores bytes from memory, signed; over the limit it throws the words', async () => {
    const bytes = randomBytes(3000)
    const uploaded = await uploadContent({ ...as(publisherKey as Hex), bytes })
    conforms('/v1/uploads', 'post', 200, uploaded)
    expect(uploaded).toMatchObject({ size: 3000, fingerprint: sha256(bytes) })
    expect(await readFile(join(storeDir, uploaded.cid))).toEqual(Buffer.from(bytes))
    const before = await storeFiles()
    const big = await refusal(
      uploadContent({ ...as(publisherKey as Hex), bytes: randomBytes(UPLOAD_LIMIT + 1) }),
    )
    expect(big).toMatchObject({ status: 413 })
    expect(await storeFiles()).toEqual(before)
  })
})

describe('the usage log', () => {
  test('every release and inference is appended, chained; a licensee reads its own, the owner all', async () => {
    const rows = await gateway.db.query<Record<string, string>>(
      'SELECT * FROM usage_log ORDER BY seq',
    )
    expect(rows.length).toBeGreaterThanOrEqual(3)
    let previous: Hex = genesisUsageHash
    for (const [i, r] of rows.entries()) {
      expect(BigInt(r.seq as string)).toBe(BigInt(i + 1))
      expect(r.previous_hash).toBe(previous)
      const hash = usageEntryHash({
        seq: BigInt(r.seq as string),
        at: BigInt(r.at as string),
        modelId: r.model_id as Hex,
        licensee: r.licensee as Hex,
        action: r.action as 'key',
        requestDigest: r.request_digest as Hex,
        responseDigest: r.response_digest as Hex,
        previousHash: r.previous_hash as Hex,
      })
      expect(r.entry_hash).toBe(hash)
      previous = hash
    }
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['key', 'download', 'infer']))

    const own = await getUsage({ ...as(licenseeKey as Hex), model: modelId })
    expect(own.entries.length).toBeGreaterThanOrEqual(3)
    expect(own.entries.every((e) => e.licensee === licensee.address)).toBe(true)
    const all = await getUsage({ ...as(publisherKey as Hex), model: modelId })
    expect(all.entries.length).toBeGreaterThan(own.entries.length - 1)
    const denied = await refusal(
      getUsage({ ...as(strangerKey as Hex), model: modelId, licensee: licensee.address }),
    )
    expect(denied).toMatchObject({ status: 403, reason: 'not the owner' })
    expect((await getUsage({ ...as(strangerKey as Hex) })).entries).toEqual([])
    const response = await fetch(`${base}/v1/usage`, {
      headers: await signGatewayRequest({
        signer: licensee,
        chainId: 31337,
        url: `${base}/v1/usage`,
        method: 'GET',
      }),
    })
    conforms('/v1/usage', 'get', 200, await response.json())
  })
})

describe('the usage log, anchored', () => {
  test("a licensee's entries verify against the root on-chain (daimm usage verify); a tampered entry fails", async () => {
    // The owner delegates anchoring to the gateway's operator, which anchors the new entries.
    const operator = privateKeyToAccount(ANVIL_KEYS[5] as Hex)
    await clientOf(publisherKey as Hex).usage.setOperator({
      operator: operator.address,
      approved: true,
    })
    const job = startAnchoring({
      db: gateway.db,
      rpcUrl: chain.anvil.rpcUrl,
      deployment: chain.deployment,
      account: operator,
      interval: 3_600_000,
    })
    try {
      expect((await job.runOnce()).length).toBeGreaterThan(0)
    } finally {
      await job.stop()
    }

    // The licensee's own entries, read with a signed request, verify against the chain.
    const run = await daimm(
      licenseeKey as Hex,
      'usage',
      'verify',
      '--gateway',
      base,
      '--model',
      modelId,
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^All \d+ entries verify against the chain\./)

    // The same entries with one response digest altered: that entry fails, by its position.
    const { entries } = await getUsage({ ...as(licenseeKey as Hex), model: modelId })
    const [first, ...rest] = entries.map((e) => usageEntryToJson(e))
    const file = join(chain.dir, 'usage-tampered.json')
    await writeFile(
      file,
      JSON.stringify({ entries: [{ ...first, responseDigest: `0x${'ab'.repeat(32)}` }, ...rest] }),
    )
    const tampered = await daimm(licenseeKey as Hex, 'usage', 'verify', file, '--gateway', base)
    expect(tampered.code).toBe(1)
    expect(tampered.stdout).toContain(`entry ${first?.seq} (`)
    expect(tampered.stdout).toMatch(/^\d+ of \d+ entries verify; 1 do not:/)
  })
})

describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1 and lists the licensed-content routes', async () => {
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/models/{id}/key',
        '/v1/models/{id}/infer',
        '/v1/uploads',
        '/v1/usage',
      ]),
    )
    expect(Object.keys(doc.paths['/v1/models/{id}/key']).sort()).toEqual(['post', 'put'])
  })
})
