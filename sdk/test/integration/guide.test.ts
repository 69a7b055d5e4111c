import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { resolveImportSettings } from '../../src/cid/import-settings.js'
import { withMetadata } from '../../src/cli/demo/artifacts.js'
import { cidFromBytes, marketplaceAbi, modelRegistryAbi, stakeManagerAbi } from '../../src/index.js'
import { type GuideModule, guideModule, sdkRoot, typecheck } from '../support/guide.js'
import { importerCid } from '../support/importer.js'
import { assets } from '../unit/eval/assets.js'
import { fundFromGenesis } from './genesis.js'
import { chain, giveEth, revertAfterFile, testAccount } from './local.js'

/**
 * docs/sdk.md runs: its `ts` blocks, joined in order into one module (see test/support/guide.ts),
 * are type-checked with the SDK's tsconfig and run against the integration anvil, with the givens
 * its first block declares. Then the chain is checked, independently of the page, for what the
 * story did.
 */

const PAGE = 'docs/sdk.md'
const { publicClient, deployment } = chain
const { contracts } = deployment

const publisher = testAccount('guide.publisher')
const buyer = testAccount('guide.buyer')
const validator = testAccount('guide.validator')
const contributor = testAccount('guide.contributor')

revertAfterFile()

let guide: GuideModule
let moduleDir: string
let modulePath: string
let scratch: string
let given: Record<string, unknown>

beforeAll(async () => {
  // Inside sdk/, so that the module's bare imports (viem, node types) resolve as the SDK's do.
  moduleDir = await mkdtemp(join(sdkRoot, '.guide-'))
  modulePath = join(moduleDir, 'sdk.md.ts')
  guide = guideModule(await readFile(join(sdkRoot, '..', PAGE), 'utf8'), moduleDir)
  await writeFile(modulePath, guide.source)

  scratch = await mkdtemp(join(tmpdir(), 'daimm-guide-'))
  const deploymentFile = join(scratch, `${deployment.chainId}.json`)
  await writeFile(deploymentFile, JSON.stringify(deployment, null, 2))
  const model = join(assets, 'iris-mlp.onnx')
  const fineTuned = join(scratch, 'iris-mlp-ft.onnx')
  await writeFile(fineTuned, withMetadata(await readFile(model), { 'daimm.relation': 'fine-tune' }))
  await giveEth(publisher, buyer, validator)
  await fundFromGenesis(chain, validator.address, parseEther('20000'))
  given = {
    rpcUrl: inject('rpcUrl'),
    deploymentFile,
    publisher,
    buyer,
    validator,
    contributor: contributor.address,
    paths: {
      model,
      fineTuned,
      dataset: join(assets, 'iris-test.csv'),
      store: join(scratch, 'store'),
    },
  }
})

afterAll(async () => {
  for (const name of Object.keys(given ?? {})) delete (globalThis as Record<string, unknown>)[name]
  await rm(moduleDir, { recursive: true, force: true })
  await rm(scratch, { recursive: true, force: true })
})

describe(PAGE, () => {
  test('has ts blocks, which import only entries @daimm/sdk exports', () => {
    expect(guide.blocks.length).toBeGreaterThan(0)
    expect(guide.source).toMatch(/createDaimmClient/)
  })

  test('declares as given exactly what this test provides', () => {
    expect(guide.given.sort()).toEqual(Object.keys(given).sort())
  })

  test('type-checks with the SDK tsconfig', () => {
    expect(typecheck(modulePath, PAGE)).toEqual([])
  }, 120_000)

  test('runs from the first block to the last on a local chain', async () => {
    for (const [name, value] of Object.entries(given)) {
      expect(name in globalThis, `${name} is a global already`).toBe(false)
      ;(globalThis as Record<string, unknown>)[name] = value
    }
    try {
      await import(pathToFileURL(modulePath).href)
    } catch (error) {
      // The module's lines are the page's: point at the line that failed.
      const line = /sdk\.md\.ts:(\d+)/.exec(String((error as Error).stack))?.[1]
      throw new Error(`${PAGE}${line ? `:${line}` : ''} failed: ${(error as Error).message}`, {
        cause: error,
      })
    }

    // What the story did, checked with the test's own reads and hashes.
    const irisBytes = await readFile(join(assets, 'iris-mlp.onnx'))
    const fineTunedBytes = await readFile((given.paths as { fineTuned: string }).fineTuned)
    const sha = (bytes: Uint8Array) =>
      BigInt(`0x${createHash('sha256').update(bytes).digest('hex')}`)
    const modelOf = (id: bigint) =>
      publicClient.readContract({
        address: contracts.registry,
        abi: modelRegistryAbi,
        functionName: 'modelOf',
        args: [id],
      })
    const [iris, fineTune] = await Promise.all([
      modelOf(sha(irisBytes)),
      modelOf(sha(fineTunedBytes)),
    ])
    const settings = resolveImportSettings({})
    expect(iris.owner).toBe(publisher.address)
    expect(cidFromBytes(iris.artifactCid)).toBe((await importerCid(irisBytes, settings)).toString())
    expect(fineTune.owner).toBe(publisher.address)
    expect(fineTune.parent).toBe(sha(irisBytes))
    expect(cidFromBytes(fineTune.artifactCid)).toBe(
      (await importerCid(fineTunedBytes, settings)).toString(),
    )
    for (const id of [sha(irisBytes), sha(fineTunedBytes)])
      expect(
        await publicClient.readContract({
          address: contracts.market,
          abi: marketplaceAbi,
          functionName: 'hasValidLicense',
          args: [id, buyer.address],
        }),
      ).toBe(true)
    expect(
      await publicClient.readContract({
        address: contracts.stakeManager,
        abi: stakeManagerAbi,
        functionName: 'stakeOf',
        args: [validator.address],
      }),
    ).toBe(parseEther('20000'))
  }, 120_000)
})
