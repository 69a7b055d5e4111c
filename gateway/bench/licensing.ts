/**
 * `npm run bench:licensing -w @daimm/gateway`: licensed content, measured in one run.
 * - Encryption and decryption throughput (daimm-aead-v1, MiB/s) against plain SHA-256 of the same
 *   bytes (256 MiB in 64 KiB chunks, median of 3 rounds after a warm-up; decryption of 16 × 16 MiB).
 * - Inference latency, p50 and p99, of `POST /v1/models/{id}/infer` on the Iris model as a licensee
 *   sees it (signed request, signature and license checked at the chain's head, the run, the usage
 *   log append), over loopback against anvil, sequential requests; and the runtime's share.
 * Targets: encryption and decryption each ≥ 0.5 × SHA-256; inference p50 ≤ 100 ms and p99 ≤ 500 ms
 * (loopback on a shared 2-core machine: the chain reads and the database dominate, not the
 * model). Writes bench/licensing.json; exits 1 if a target is missed. Not part of `npm test`.
 */
import { createHash, randomBytes, randomFillSync } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  parseEther,
  sha256,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { ANVIL_KEYS } from '../../sdk/src/cli/dev-accounts.js'
import { deployProtocol, startAnvil } from '../../sdk/src/cli/devnet.js'
import { createDaimmClient } from '../../sdk/src/client.js'
import {
  decryptContent,
  depositContentKey,
  encryptContent,
  generateContentKey,
  inferModel,
  uploadArtifact,
} from '../../sdk/src/licensing/index.js'
import { startGateway } from '../src/gateway.js'

const MiB = 1_048_576
const STREAM_BYTES = 256 * MiB
const STREAM_CHUNK = 64 * 1024
const ROUNDS = 3
const INFERENCES = Number(process.env.BENCH_INFERENCES ?? 300)
const TARGET_RATIO = 0.5
const TARGET_P50_MS = 100
const TARGET_P99_MS = 500

const pool = randomFillSync(new Uint8Array(16 * MiB + STREAM_CHUNK))
function* stream(): Generator<Uint8Array> {
  for (let offset = 0, i = 0; offset < STREAM_BYTES; offset += STREAM_CHUNK, i++) {
    const start = (i * 4099) % (pool.byteLength - STREAM_CHUNK)
    yield pool.subarray(start, start + STREAM_CHUNK)
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

async function throughput() {
  const key = generateContentKey()
  // Decryption reads 16 files of 16 MiB (the same ciphertext, as a store would deliver it): holding
  // 256 MiB of ciphertext would measure the garbage collector instead.
  const FILE = 16 * MiB
  const sealed: Uint8Array[] = []
  for await (const chunk of encryptContent(pool.subarray(0, FILE), key)) sealed.push(chunk)
  const contenders: { name: string; run: () => Promise<unknown> }[] = [
    {
      name: 'sha256',
      run: async () => {
        const hash = createHash('sha256')
        for (const chunk of stream()) hash.update(chunk)
        return hash.digest()
      },
    },
    {
      name: 'encrypt',
      run: async () => {
        let n = 0
        for await (const chunk of encryptContent(stream(), key)) n += chunk.byteLength
        return n
      },
    },
    {
      name: 'decrypt',
      run: async () => {
        let n = 0
        for (let file = 0; file < STREAM_BYTES / FILE; file++)
          for await (const chunk of decryptContent(sealed, key)) n += chunk.byteLength
        return n
      },
    },
  ]
  const seconds = new Map<string, number[]>(contenders.map(({ name }) => [name, []]))
  for (let round = 0; round <= ROUNDS; round++)
    for (const { name, run } of contenders) {
      const started = performance.now()
      await run()
      if (round > 0) seconds.get(name)?.push((performance.now() - started) / 1000)
    }
  const speed = (name: string) => STREAM_BYTES / MiB / median(seconds.get(name) ?? [])
  const result = Object.fromEntries(
    contenders.map(({ name }) => [
      name,
      {
        mibPerSecond: Math.round(speed(name)),
        vsSha256: Number((speed(name) / speed('sha256')).toFixed(2)),
      },
    ]),
  )
  console.log(
    `daimm-aead-v1 on a ${STREAM_BYTES / MiB} MiB stream in ${STREAM_CHUNK / 1024} KiB chunks, median of ${ROUNDS}:`,
  )
  for (const [name, r] of Object.entries(result))
    console.log(
      `  ${name.padEnd(8)} ${String(r.mibPerSecond).padStart(6)} MiB/s  ${r.vsSha256.toFixed(2)} × sha256`,
    )
  return result
}

async function inference() {
  const directory = await mkdtemp(join(tmpdir(), 'daimm-bench-licensing-'))
  const anvil = await startAnvil()
  try {
    const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl })
    const gateway = await startGateway({
      rpcUrl: anvil.rpcUrl,
      deployment,
      dataDir: undefined,
      storeDir: join(directory, 'store'),
      write: false,
      rateLimit: 0,
      masterKey: randomBytes(32),
      licensingLimits: { inferPerMinute: 0 },
    })
    try {
      const transport = http(anvil.rpcUrl, { retryCount: 0 })
      const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 })
      const publisher = privateKeyToAccount(ANVIL_KEYS[0])
      const licensee = privateKeyToAccount(ANVIL_KEYS[1])
      const clientOf = (account: typeof publisher) =>
        createDaimmClient({
          publicClient,
          walletClient: createWalletClient({ chain: foundry, transport, account }),
          deployment,
        })
      const iris = await readFile(new URL('../../sdk/assets/eval/iris-mlp.onnx', import.meta.url))
      const contentKey = generateContentKey()
      const parts: Uint8Array[] = []
      for await (const c of encryptContent(iris, contentKey)) parts.push(c)
      const path = join(directory, 'iris.enc')
      await writeFile(path, Buffer.concat(parts))
      const as = (account: typeof publisher) => ({
        gatewayUrl: gateway.url as string,
        signer: account,
        chainId: deployment.chainId,
      })
      const { cid } = await uploadArtifact({ ...as(publisher), path })
      const modelId = sha256(iris)
      const seller = clientOf(publisher)
      await seller.registry.register({
        registration: { fingerprint: modelId, artifactCid: cid, metadataCid: cid },
      })
      await depositContentKey({ ...as(publisher), modelId, contentKey })
      const termsCid = `0x01551220${sha256(toHex('bench terms')).slice(2)}` as Hex
      const { offerId } = await seller.market.publishOffer({
        terms: { modelId, price: parseEther('0.01'), termsCid },
      })
      await clientOf(licensee).market.buyLicense({ offerId, maxPrice: parseEther('0.01') })

      const total: number[] = []
      const runtime: number[] = []
      for (let i = 0; i < INFERENCES + 5; i++) {
        const row = [
          4 + Math.random() * 4,
          2 + Math.random() * 2,
          1 + Math.random() * 5,
          Math.random() * 2.5,
        ]
        const started = performance.now()
        const result = await inferModel({
          ...as(licensee),
          modelId,
          inputs: { '': { type: 'float32', dims: [1, 4], data: row } },
        })
        // The first few load the model and warm up.
        if (i >= 5) {
          total.push(performance.now() - started)
          runtime.push(result.latencyMs)
        }
      }
      const ms = (v: number) => Number(v.toFixed(2))
      const result = {
        requests: INFERENCES,
        p50: ms(percentile(total, 50)),
        p99: ms(percentile(total, 99)),
        gatewayP50: ms(percentile(runtime, 50)),
        gatewayP99: ms(percentile(runtime, 99)),
      }
      console.log(
        `inference, Iris, ${INFERENCES} sequential signed requests: p50 ${result.p50} ms, p99 ${result.p99} ms (loading + running the model within: p50 ${result.gatewayP50} ms, p99 ${result.gatewayP99} ms)`,
      )
      return result
    } finally {
      await gateway.stop()
    }
  } finally {
    await anvil.stop()
    await rm(directory, { recursive: true, force: true })
  }
}

const crypto = await throughput()
const infer = await inference()
const results = {
  streamMiB: STREAM_BYTES / MiB,
  chunkKiB: STREAM_CHUNK / 1024,
  ...crypto,
  inference: infer,
}
await writeFile(
  new URL('./licensing.json', import.meta.url),
  `${JSON.stringify(results, null, 2)}\n`,
)
const misses = [
  ...(['encrypt', 'decrypt'] as const)
    .filter((name) => (crypto[name]?.vsSha256 ?? 0) < TARGET_RATIO)
    .map((name) => `${name} is ${crypto[name]?.vsSha256} × sha256 (target ≥ ${TARGET_RATIO})`),
  ...(infer.p50 > TARGET_P50_MS
    ? [`inference p50 ${infer.p50} ms (target ≤ ${TARGET_P50_MS})`]
    : []),
  ...(infer.p99 > TARGET_P99_MS
    ? [`inference p99 ${infer.p99} ms (target ≤ ${TARGET_P99_MS})`]
    : []),
]
for (const miss of misses) console.log(`MISSED: ${miss}`)
if (misses.length === 0) console.log('targets met')
process.exit(misses.length ? 1 : 0)
