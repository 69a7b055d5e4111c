/**
 * The web app in a real Chromium (playwright-core, found as the SDK's browser tests find it) against
 * the stack `npm start` brings up: anvil, the protocol, the seeded story, the API and the app. The
 * wallet is an EIP-1193 provider over one of anvil's dev accounts, announced through EIP-6963.
 * Every page is checked with axe-core at phone and desktop widths; any console error fails.
 * Screenshots go to app/test-results/ (gitignored). DAIMM_APP_URL reuses a running `npm start`.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  formatEther,
  http,
  parseEther,
} from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  parseSignedOffer,
  serializeSignedOffer,
} from '../../sdk/src/actions/market/serializeSignedOffer.js'
import { withMetadata } from '../../sdk/src/cli/demo/artifacts.js'
import { createDaimmClient } from '../../sdk/src/client.js'
import { parseDeployment } from '../../sdk/src/deployments.js'
import { evaluateModel, loadDataset, loadModel } from '../../sdk/src/eval/index.js'
import { useInstalledRuntime as installRuntime } from '../../sdk/src/eval/node.js'
import { modelRegistryAbi, sortitionPoolAbi } from '../../sdk/src/generated/contracts.js'
import { fetchLicensedContent } from '../../sdk/src/licensing/portable.js'
import { findChromium } from '../../sdk/test/support/chromium.js'
import { type Stack, startStack } from './support/stack.js'
import { installTestWallet } from './support/wallet.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const artifacts = join(root, 'app/test-results')
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)
/** anvil's dev account 8: the seeded story's validator-5 (its outlier, slashed), a genesis holder. */
const BUYER: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f'

/** anvil's dev account 1: the story's publisher, who opens the validator test's round. */
const FUNDER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

const widths = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 860 },
} as const

let stack: Stack | undefined
let app: string
let config: {
  rpcUrl: string
  chainId: number
  deployment: { contracts: Record<string, Address> }
  /** The gateway's identity, which signed requests name (the page's server proxies it). */
  gateway?: string
}
let browser: Browser
const errors: string[] = []
/** Every URL the page requested (workers included). */
const requested: string[] = []
const timings: Record<string, number> = {}

let context: BrowserContext | undefined
let page: Page | undefined

/**
 * The one page all flows share, at `width`: the packaged Chromium runs as a single process, where a
 * second browser context is not reliable.
 */
async function newPage(width: keyof typeof widths): Promise<{ page: Page }> {
  if (!page) {
    context = await browser.newContext({ viewport: widths[width] })
    const opened = await context.newPage()
    opened.setDefaultTimeout(30_000)
    opened.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${opened.url()}: ${m.text()}`)
    })
    opened.on('pageerror', (e) => errors.push(`${opened.url()}: ${e.message}`))
    opened.on('request', (r) => requested.push(r.url()))
    await opened.addInitScript(installTestWallet, {
      rpcUrl: config.rpcUrl,
      address: BUYER,
      chainId: config.chainId,
    })
    page = opened
  }
  await page.setViewportSize(widths[width])
  return { page }
}

/** Connects the test wallet unless the page already is. */
async function connectWallet(page: Page) {
  const button = page.getByRole('button', { name: 'Connect wallet' })
  await page
    .getByRole('button', { name: /Connect wallet|Disconnect/ })
    .first()
    .waitFor()
  if (await button.isVisible()) {
    await button.click()
    await page.getByRole('button', { name: 'DAIMM Test Wallet' }).click()
  }
  await page.getByText('0x2361').first().waitFor()
}

async function axe(page: Page, name: string) {
  await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; help: string; nodes: { target: string[] }[] }[]
          }>
        }
      }
    ).axe.run()
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
    )
  })
  expect(violations, `axe-core on ${name}`).toEqual([])
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })
}

/** The score and digest the committee's honest members computed: the validators' Node.js path. */
async function committeeEvaluation(modelCid: string, datasetCid: string) {
  installRuntime()
  const store = join(root, '.daimm/start/store')
  const model = await loadModel(readFileSync(join(store, modelCid)))
  try {
    const dataset = await loadDataset(readFileSync(join(store, datasetCid)))
    return await evaluateModel({ model, dataset })
  } finally {
    await model.release()
  }
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true })
  if (process.env.DAIMM_APP_URL) app = process.env.DAIMM_APP_URL.replace(/\/$/, '')
  else {
    stack = await startStack()
    app = stack.app
  }
  const html = await (await fetch(`${app}/`)).text()
  const json = /<script id="daimm-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1]
  if (!json) throw new Error(`${app}/ carries no daimm-config`)
  config = JSON.parse(json)
  const { executablePath, args, source } = await findChromium()
  browser = await chromium
    .launch({ executablePath, args, headless: true, timeout: 60_000 })
    .catch((error: unknown) => {
      throw new Error(`Chromium (${source}, ${executablePath}) did not start: ${String(error)}`)
    })
})

afterAll(async () => {
  await context?.close().catch(() => {})
  await browser?.close()
  await stack?.stop()
  console.log(`timings (ms): ${JSON.stringify(timings)}`)
})

describe('a buyer', () => {
  test('searches, opens the demo model, evaluates it in the browser and buys a license', async () => {
    const { page } = await newPage('desktop')
    const started = Date.now()
    await page.goto(`${app}/`)
    await page.locator('.models li').first().waitFor()
    timings.exploreFirstRender = Date.now() - started
    timings.exploreFirstRenderInPage = await page.evaluate(() => performance.now())
    await axe(page, 'explore (desktop)')
    await shot(page, 'desktop-explore')

    await page.getByLabel('Search', { exact: true }).fill('iris')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL(/\?q=iris/)
    const names = page.locator('.models li h2')
    // Only iris models and datasets once the new page of results replaced the old one.
    await expect
      .poll(async () => {
        const shown = await names.allTextContents()
        return shown.includes('iris-mlp') && shown.every((n) => /iris/i.test(n))
      })
      .toBe(true)
    await page.getByRole('link', { name: 'iris-mlp', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'iris-mlp' }).waitFor()
    await page.getByRole('heading', { name: 'Lineage' }).waitFor()
    await axe(page, 'model page (desktop)')
    await shot(page, 'desktop-model')

    // Evaluate in the browser: the committee's score, and its digest bit for bit.
    const modelId = new URL(page.url()).pathname.split('/').at(-1) as string
    const model = (await (await fetch(`${app}/v1/models/${modelId}`)).json()) as {
      artifactCid: string
      evaluations: { datasetCid: string; score: number; digest: string | null }[]
    }
    const evaluation = model.evaluations[0]
    expect(evaluation, 'the demo model has a finalized round').toBeDefined()
    const committee = await committeeEvaluation(model.artifactCid, evaluation?.datasetCid as string)
    expect(committee.score).toBe(evaluation?.score)
    // Nothing of onnxruntime-web has loaded yet: it comes with the worker, when an evaluation starts.
    expect(requested.filter((u) => /worker-|\.wasm/.test(u))).toEqual([])
    const evalStarted = Date.now()
    await page.getByRole('button', { name: 'Evaluate in my browser' }).click()
    const digest = page.getByTestId('digest')
    await digest.waitFor({ timeout: 150_000 })
    timings.irisEvaluation = Date.now() - evalStarted
    expect(await digest.textContent()).toBe(committee.digest)
    // The one .wasm in the build, the one Vite emitted for onnxruntime-web (no second copy).
    expect(requested.filter((u) => u.endsWith('.wasm'))).toEqual([
      expect.stringMatching(/\/assets\/ort-wasm-simd-threaded\.jsep-[\w-]+\.wasm$/),
    ])
    expect(await page.getByTestId('score-verdict').textContent()).toContain('equal')
    expect(await page.getByTestId('accuracy').textContent()).toContain(
      `${committee.correct}/${committee.n}`,
    )
    // The committee's digest is on-chain (the finalized round's), and the page compares with it.
    expect(evaluation?.digest).toBe(committee.digest.toLowerCase())
    expect(await page.getByTestId('committee-digest').textContent()).toBe(evaluation?.digest)
    expect(await page.getByTestId('digest-verdict').textContent()).toContain('Equal')
    await expect
      .poll(() => page.locator('table.heatmap tbody tr').count())
      .toBe(committee.confusion.length)
    await axe(page, 'model page with an evaluation (desktop)')
    await shot(page, 'desktop-evaluated')

    // Buy: connect the EIP-6963 wallet; the offer is on the demo's fine-tune, one click down the lineage.
    await connectWallet(page)
    let buy = page.getByRole('button', { name: /^Buy for/ }).first()
    if ((await buy.count()) === 0) {
      await page.getByRole('link', { name: 'Open iris-mlp-ft' }).click()
      await page.getByRole('heading', { level: 1, name: 'iris-mlp-ft' }).waitFor()
      buy = page.getByRole('button', { name: /^Buy for/ }).first()
    }
    const boughtId = new URL(page.url()).pathname.split('/').at(-1) as string
    await buy.click()
    await page.getByTestId('bought').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('bought').textContent()).toMatch(/^Final: license bought/)
    await shot(page, 'desktop-bought')
    // The licensee reviews it: the text stored by CID, the rating on-chain; the gateway lists both.
    const reviewText = `Accurate on my own rows (${Date.now()})`
    const form = page.getByRole('group', { name: 'Your review' })
    await form.getByRole('combobox').selectOption('4')
    await form.getByLabel('Review text').fill(reviewText)
    await page.getByRole('button', { name: 'Publish the review' }).click()
    await page.getByTestId('reviewed').waitFor({ timeout: 60_000 })
    await page.getByText(reviewText).waitFor({ timeout: 40_000 })
    expect(await page.getByTestId('rating').textContent()).toMatch(
      /^Rated \d\.\d of 5 by \d+ licensee/,
    )
    await axe(page, 'model page with a review (desktop)')
    // The gateway indexes the sale: the account page lists the license.
    await expect
      .poll(
        async () => {
          const account = (await (await fetch(`${app}/v1/accounts/${BUYER}`)).json()) as {
            licenses: { modelId: string }[]
          }
          return account.licenses.map((l) => l.modelId.toLowerCase())
        },
        { timeout: 30_000 },
      )
      .toContain(boughtId.toLowerCase())
    await page.getByRole('link', { name: 'Account' }).click()
    await page.getByTestId('licenses').waitFor()
    await page.getByTestId('my-reviews').getByText('4 of 5').waitFor()
    // The holder's stake: start unbonding one DAIMM; the gateway shows it unbonding.
    await page.getByLabel('Amount to unstake (DAIMM)').fill('1')
    await page.getByRole('button', { name: 'Request unstake' }).click()
    await page.getByTestId('unstaked').waitFor({ timeout: 60_000 })
    await page.getByTestId('unbonding').waitFor({ timeout: 30_000 })
    await axe(page, 'account (desktop)')
    await shot(page, 'desktop-account')
    expect(errors).toEqual([])
  })

  test('buys a license of the encrypted model, fetches and decrypts it (SHA-256 equal), and evaluates it after key release', async () => {
    const { page } = await newPage('desktop')
    const found = (await (await fetch(`${app}/v1/models?q=iris-mlp-licensed`)).json()) as {
      items: { id: string; artifactCid: string; card: { name: string } }[]
    }
    const licensed = found.items.find((m) => m.card.name === 'iris-mlp-licensed')
    expect(licensed, 'npm start seeds an encrypted model').toBeDefined()
    const modelId = licensed?.id as string
    // What the licensee should get: the demo's Iris network in a file of its own, whose SHA-256 is
    // the id; and the score and digest the validators' Node.js path computes for it.
    const iris = (await (await fetch(`${app}/v1/models?q=iris-mlp`)).json()) as {
      items: { artifactCid: string; card: { name: string } }[]
    }
    const irisCid = iris.items.find((m) => m.card.name === 'iris-mlp')?.artifactCid as string
    const store = join(root, '.daimm/start/store')
    const plaintext = withMetadata(readFileSync(join(store, irisCid)), {
      'daimm.licensing': 'daimm-aead-v1',
    })
    expect(`0x${createHash('sha256').update(plaintext).digest('hex')}`).toBe(modelId)
    // The store holds ciphertext under the artifact CID, not the model.
    expect(
      readFileSync(join(store, licensed?.artifactCid as string))
        .subarray(0, 8)
        .toString(),
    ).toBe('DAIMMENC')

    await page.goto(`${app}/models/${modelId}`)
    await page.getByRole('heading', { level: 1, name: 'iris-mlp-licensed' }).waitFor()
    await connectWallet(page)
    await page.getByTestId('encrypted').waitFor()
    // Without a license: told to buy one, no evaluation button.
    await page.getByTestId('needs-license').getByText('Your wallet holds no license').waitFor()
    expect(await page.getByRole('button', { name: 'Evaluate in my browser' }).count()).toBe(0)
    await axe(page, 'encrypted model, no license (desktop)')
    await shot(page, 'desktop-licensed-model-no-license')

    await page
      .getByRole('button', { name: /^Buy for/ })
      .first()
      .click()
    await page.getByTestId('bought').waitFor({ timeout: 60_000 })

    // Evaluate after key release: the wallet signs, the page decrypts and the worker evaluates.
    const evaluate = page.getByRole('button', { name: 'Evaluate in my browser' })
    await evaluate.waitFor({ timeout: 40_000 })
    await evaluate.click()
    const digest = page.getByTestId('digest')
    await digest.waitFor({ timeout: 150_000 })
    const datasetCid = (
      (await (await fetch(`${app}/v1/models/${modelId}`)).json()) as {
        cardContent: { benchmarks: { datasetCid: string }[] }
      }
    ).cardContent.benchmarks[0]?.datasetCid as string
    installRuntime()
    const node = await loadModel(plaintext)
    try {
      const expected = await evaluateModel({
        model: node,
        dataset: await loadDataset(readFileSync(join(store, datasetCid))),
      })
      expect(await digest.textContent()).toBe(expected.digest)
      expect(await page.getByTestId('accuracy').textContent()).toContain(
        `${expected.correct}/${expected.n}`,
      )
    } finally {
      await node.release()
    }
    await axe(page, 'encrypted model, evaluated after key release (desktop)')
    await shot(page, 'desktop-licensed-evaluated')

    // Account: fetch and decrypt in the page, the SHA-256 check, and the saved file.
    await page.getByRole('link', { name: 'Account' }).click()
    const item = page.getByTestId('licensed-download')
    await item.getByRole('button', { name: 'Fetch and decrypt iris-mlp-licensed' }).click()
    const check = item.getByTestId('sha256-check')
    await check.waitFor({ timeout: 60_000 })
    expect(await check.textContent()).toMatch(/^✓ equal to the registered fingerprint/)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByTestId('save-licensed').click(),
    ])
    expect(download.suggestedFilename()).toBe('iris-mlp-licensed.onnx')
    const saved = readFileSync((await download.path()) as string)
    expect(`0x${createHash('sha256').update(saved).digest('hex')}`).toBe(modelId)
    await axe(page, 'account with a decrypted license (desktop)')
    await shot(page, 'desktop-account-decrypted')
    expect(errors).toEqual([])
  })

  test('sees empty and error states that say what to do', async () => {
    const { page } = await newPage('desktop')
    await page.goto(`${app}/?q=zzqqxx-nothing`)
    await page.getByText(/No model matches these filters/).waitFor()
    await axe(page, 'explore, empty')
    await page.getByRole('button', { name: 'Clear the filters' }).click()
    await page.locator('.models li').first().waitFor()
    await page.goto(`${app}/?owner=0x12`)
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toMatch(/Check Owner/)
    await axe(page, 'explore, error')
    await shot(page, 'desktop-explore-error')
    // The API answered 400 on purpose: the browser logs the failed request; nothing else may.
    const unexpected = errors.filter((e) => !/status of 400/.test(e))
    expect(unexpected).toEqual([])
    errors.length = 0
  })
})

describe('a publisher', () => {
  test('publishes a model with a parent and an offer, and is warned when the file is registered', async () => {
    const { page } = await newPage('desktop')
    const search = (await (await fetch(`${app}/v1/models?q=iris-mlp`)).json()) as {
      items: { id: string; card: { name: string } }[]
    }
    const parent = search.items.find((m) => m.card.name === 'iris-mlp')?.id as string
    expect(parent).toBeDefined()
    await page.goto(`${app}/publish`)
    await connectWallet(page)
    const file = {
      name: 'iris-mlp-q4.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(`quantized weights ${Date.now()} ${Math.random()}\n`),
    }
    await page.getByLabel(/Drop the model file here/).setInputFiles(file)
    await page.getByTestId('hashed').waitFor()
    await page.getByLabel('Name', { exact: true }).fill('iris-mlp-q4')
    await page.getByLabel('Description').fill('iris-mlp quantized to 4 bits')
    await page.getByLabel('Author').fill('browser-test')
    await page.getByLabel('Task').fill('tabular-classification')
    await page.getByLabel(/Parent model id/).fill(parent)
    await page.getByLabel('Relation to the parent').selectOption('quantized')
    await page.getByLabel('Price (DAIMM)').fill('12.5')
    await axe(page, 'publish (desktop)')
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByTestId('published').waitFor({ timeout: 90_000 })
    await shot(page, 'desktop-published')
    await page.getByRole('link', { name: "Open the model's page" }).click()
    await page.getByRole('heading', { level: 1, name: 'iris-mlp-q4' }).waitFor({ timeout: 30_000 })
    await page.getByRole('link', { name: 'Open iris-mlp' }).waitFor()
    await page.getByRole('button', { name: 'Buy for 12.5 DAIMM' }).waitFor()
    await axe(page, 'published model (desktop)')
    await shot(page, 'desktop-published-model')
    // The same bytes again: the app says they are registered, before any transaction.
    await page.goto(`${app}/publish`)
    await page.getByLabel(/Drop the model file here/).setInputFiles(file)
    await page.getByText('This file is already registered').waitFor()
    expect(errors).toEqual([])
  })
})

describe('a publisher of an encrypted model', () => {
  test('encrypts in the browser, uploads the ciphertext, deposits the key; a licensee decrypts it', async () => {
    const { page } = await newPage('desktop')
    await page.goto(`${app}/publish`)
    await connectWallet(page)
    const plaintext = Buffer.from(`secret weights ${Date.now()} ${Math.random()}\n`.repeat(50))
    const fingerprint = `0x${createHash('sha256').update(plaintext).digest('hex')}`
    await page.getByLabel(/Drop the model file here/).setInputFiles({
      name: 'secret.onnx',
      mimeType: 'application/octet-stream',
      buffer: plaintext,
    })
    await page.getByTestId('hashed').waitFor()
    await page.getByLabel('Name', { exact: true }).fill('secret-model')
    await page.getByLabel('Encrypt (sell access through key release)').check()
    await page.getByLabel('Price (DAIMM)').fill('2')
    await axe(page, 'publish, encrypted (desktop)')
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    // Published, or a step failed (its words, and the console's, in the assertion).
    await page
      .locator('[data-testid="published"], ol.steps li.failed')
      .first()
      .waitFor({ timeout: 90_000 })
    const steps = (await page.locator('ol.steps').textContent()) ?? ''
    expect({ steps, errors }).toMatchObject({ steps: expect.not.stringMatching(/failed/) })
    expect(steps).toMatch(/Deposit the content key with the gateway \(a signature\): done/)
    const offer = /offer #(\d+)/.exec(steps)?.[1]
    expect(offer, 'the offer step names the offer').toBeDefined()
    const offerId = BigInt(offer as string)

    // The gateway lists it under the plaintext's SHA-256, its artifact the ciphertext's CID.
    const model = (await (await fetch(`${app}/v1/models/${fingerprint}`)).json()) as {
      artifactCid: string
      card: { cid: string }
    }
    const store = join(root, '.daimm/start/store')
    const stored = readFileSync(join(store, model.artifactCid))
    expect(stored.subarray(0, 8).toString()).toBe('DAIMMENC')
    expect(stored.includes(plaintext.subarray(0, 32))).toBe(false)
    expect(createHash('sha256').update(stored).digest('hex')).not.toBe(fingerprint.slice(2))
    const card = JSON.parse(readFileSync(join(store, model.card.cid), 'utf8'))
    expect(card).toMatchObject({
      artifact: model.artifactCid,
      encryption: { format: 'daimm-aead-v1' },
    })

    // A licensee (an SDK client) buys, and the gateway releases the key the page deposited.
    const transport = http(config.rpcUrl)
    const walletClient = createWalletClient({ chain: foundry, transport, account: FUNDER })
    const licensee = createDaimmClient({
      publicClient: createPublicClient({ chain: foundry, transport }),
      walletClient,
      deployment: parseDeployment(config.deployment),
    })
    const refused = await fetchLicensedContent({
      gatewayUrl: app,
      gateway: config.gateway,
      signer: walletClient,
      chainId: config.chainId,
      modelId: fingerprint as `0x${string}`,
    }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ reason: 'no license' })
    await licensee.market.buyLicense({ offerId, maxPrice: parseEther('2') })
    const got = await fetchLicensedContent({
      gatewayUrl: app,
      gateway: config.gateway,
      signer: walletClient,
      chainId: config.chainId,
      modelId: fingerprint as `0x${string}`,
    })
    expect(got.artifactCid).toBe(model.artifactCid)
    expect(`0x${createHash('sha256').update(got.bytes).digest('hex')}`).toBe(fingerprint)
    expect(Buffer.from(got.bytes).equals(plaintext)).toBe(true)
    await axe(page, 'published, encrypted (desktop)')
    expect(errors).toEqual([])
  })
})

describe('a publisher and a buyer, off-chain', () => {
  test('a publisher splits revenue and signs an offer; a buyer fills a signed offer from its link', async () => {
    const { page } = await newPage('desktop')
    await page.goto(`${app}/publish`)
    await connectWallet(page)
    await page.getByLabel(/Drop the model file here/).setInputFiles({
      name: 'split-model.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(`split weights ${Date.now()} ${Math.random()}\n`),
    })
    await page.getByTestId('hashed').waitFor()
    await page.getByLabel('Name', { exact: true }).fill('split-model')
    await page.getByLabel('Price (DAIMM)').fill('3')
    await page.getByLabel(/Sign it off-chain/).check()
    // A bad line is refused before any transaction, saying which line.
    await page.getByLabel(/Recipients, one/).fill(`${BUYER} 3\nnot-an-address 1`)
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByText(/Split line 2 \("not-an-address 1"\)/).waitFor()
    await page.getByLabel(/Recipients, one/).fill(`${BUYER} 3\n${FUNDER} 1`)
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.getByTestId('published').waitFor({ timeout: 90_000 })
    await page.getByTestId('signed-offer').waitFor()
    await axe(page, 'published with a signed offer')
    const signedText = await page
      .getByRole('textbox', { name: 'Signed offer', exact: true })
      .inputValue()
    const signed = parseSignedOffer(signedText)
    expect(signed.offer.seller).toBe(BUYER)
    expect(signed.offer.price).toBe(parseEther('3'))
    const modelId = signed.offer.modelId

    const transport = http(config.rpcUrl)
    const publicClient = createPublicClient({ chain: foundry, transport })
    const deployment = parseDeployment(config.deployment)
    const funder = createDaimmClient({
      publicClient,
      walletClient: createWalletClient({ chain: foundry, transport, account: FUNDER }),
      deployment,
    })
    const split = await funder.royalties.getSplit({ modelId, accounts: [BUYER, FUNDER] })
    expect(split.totalWeight).toBe(4)
    expect(split.weights.map((w) => w.weight)).toEqual([3, 1])

    // The story's publisher signs an offer on iris-mlp; the buyer opens its link and buys.
    const search = (await (await fetch(`${app}/v1/models?q=iris-mlp`)).json()) as {
      items: { id: string; card: { name: string } }[]
    }
    const iris = search.items.find((m) => m.card.name === 'iris-mlp')?.id as `0x${string}`
    const block = await publicClient.getBlock()
    const offer = await funder.market.signOffer({
      terms: {
        modelId: iris,
        price: parseEther('1.5'),
        token: deployment.contracts.token,
        duration: 7n * 86_400n,
        commercial: true,
        termsCid: signed.offer.termsCid,
      },
      deadline: block.timestamp + 86_400n,
    })
    const link = serializeSignedOffer({
      ...offer,
      chainId: config.chainId,
      marketplace: deployment.contracts.market,
    })
    const before = await funder.market.getLicense({ modelId: iris, account: BUYER })
    await page.goto(`${app}/offer#${encodeURIComponent(link)}`)
    await page.getByTestId('signed-terms').waitFor()
    await axe(page, 'signed offer')
    await page.getByRole('button', { name: 'Buy for 1.5 DAIMM' }).click()
    await page.getByTestId('bought').waitFor({ timeout: 60_000 })
    // The license now stands on the signed offer, listed on-chain at this first sale.
    const after = await funder.market.getLicense({ modelId: iris, account: BUYER })
    expect(after?.commercial).toBe(true)
    expect(after?.offerId).not.toBe(before?.offerId)
    // A damaged link says so instead of offering a purchase.
    await page.goto(`${app}/offer#${encodeURIComponent(link.replace('"signature"', '"sig"'))}`)
    await page.getByText(/Not a signed offer/).waitFor()
    expect(errors).toEqual([])
  })
})

describe('a validator', () => {
  test('syncs its stale pool weight, falls below the minimum and stakes back into the pool, on the account page', async () => {
    const publicClient = createPublicClient({ chain: foundry, transport: http(config.rpcUrl) })
    const { sortitionPool } = parseDeployment(config.deployment).contracts
    const weightOf = () =>
      publicClient.readContract({
        address: sortitionPool,
        abi: sortitionPoolAbi,
        functionName: 'weightOf',
        args: [BUYER],
      })
    const reader = createDaimmClient({
      publicClient,
      deployment: parseDeployment(config.deployment),
    })
    const stakeOf = async () => (await reader.staking.getStake({ account: BUYER })).staked
    const { page } = await newPage('desktop')
    await page.goto(`${app}/account`)
    await connectWallet(page)
    const pool = page.getByTestId('pool-weight')
    const stakeInput = page.getByLabel('Amount to stake (DAIMM)')
    const stake = page.getByRole('button', { name: 'Stake', exact: true })

    // The story slashed this validator (its outlier) after its pool weight was last synced; a draw
    // keeps a stale weight only with probability stake / weight. The page says so and syncs it.
    await pool.getByText(/not by your active stake/).waitFor()
    await axe(page, 'account with a stale pool weight (desktop)')
    await shot(page, 'desktop-account-stale-weight')
    await pool.getByRole('button', { name: 'Sync pool weight' }).click()
    await pool.getByText(/drawn for committees by your whole stake/).waitFor()
    expect(await weightOf()).toBe(await stakeOf())

    // Unbonding down to 9,900 DAIMM leaves the validator set (minimum 10,000): no weight to sync.
    await page
      .getByLabel('Amount to unstake (DAIMM)')
      .fill(formatEther((await stakeOf()) - parseEther('9900')))
    await page.getByRole('button', { name: 'Request unstake' }).click()
    await page.getByText(/below the validator minimum: stake more to be drawn/).waitFor()
    const stale = await weightOf()
    await stakeInput.fill('50')
    await stake.click()
    await page
      .getByTestId('staked')
      .getByText(/^Final: staked in 0x[0-9a-f]+…[0-9a-f]+\.$/)
      .waitFor({ timeout: 60_000 })
    expect(await weightOf()).toBe(stale) // no sync was sent
    // Back above the minimum: the stake rejoins the set and the page syncs the pool weight after it.
    await stakeInput.fill('250')
    await stake.click()
    await page
      .getByTestId('staked')
      .getByText('; pool weight 10,200 DAIMM.')
      .waitFor({ timeout: 60_000 })
    await pool.getByText(/drawn for committees by your whole stake/).waitFor()
    expect([await stakeOf(), await weightOf()]).toEqual([parseEther('10200'), parseEther('10200')])
    // A typo is named, not sent.
    await stakeInput.fill('12,5')
    await stake.click()
    await page.getByText('Amount to stake: Enter an amount of DAIMM above zero').waitFor()
    await shot(page, 'desktop-account-synced')
    expect(errors).toEqual([])
  })

  test('evaluates in the browser, commits and reveals in a round where it holds a seat', async () => {
    // A round on iris-mlp, opened by the story's publisher, with every validator of the pool seated
    // (the test wallet's account is the story's validator-5, whose pool weight the test above synced).
    const transport = http(config.rpcUrl)
    const publicClient = createPublicClient({ chain: foundry, transport })
    const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' })
    const deployment = parseDeployment(config.deployment)
    const funder = createDaimmClient({
      publicClient,
      walletClient: createWalletClient({ chain: foundry, transport, account: FUNDER }),
      deployment,
    })
    const search = (await (await fetch(`${app}/v1/models?q=iris-mlp`)).json()) as {
      items: { id: string; card: { name: string } }[]
    }
    const iris = search.items.find((m) => m.card.name === 'iris-mlp')?.id as `0x${string}`
    const detail = (await (await fetch(`${app}/v1/models/${iris}`)).json()) as {
      evaluations: { datasetCid: string }[]
    }
    const { roundId } = await funder.scoring.openRound({
      subjectId: iris,
      datasetCid: detail.evaluations[0]?.datasetCid as string,
      metric: 'accuracy',
      budget: parseEther('100'),
      committeeSize: 5,
    })
    await testClient.mine({ blocks: 1 })
    const drawn = await funder.scoring.drawCommittee({ roundId })
    expect(drawn.status).toBe('drawn')
    expect(drawn.members.map((m) => m.validator.toLowerCase())).toContain(BUYER.toLowerCase())

    const { page } = await newPage('desktop')
    await page.goto(`${app}/validate`)
    await connectWallet(page)
    const seat = page.getByRole('article', { name: new RegExp(`^Round ${roundId}:`) })
    await seat.waitFor()
    await seat.getByRole('button', { name: 'Evaluate in my browser' }).click()
    await seat.getByTestId('digest').waitFor({ timeout: 150_000 })
    const score = await seat.getByTestId('score').textContent()
    expect(await seat.getByLabel('Your score (1–100)').inputValue()).toBe(score)
    await axe(page, 'validate (desktop)')
    await seat.getByRole('button', { name: 'Commit score and digest' }).click()
    await seat.getByTestId('committed').waitFor({ timeout: 60_000 })
    await shot(page, 'desktop-committed')
    // The commit window passes on the chain; the page's countdown follows the chain's clock.
    const { timestamp } = await publicClient.getBlock()
    const commitDeadline = Number(drawn.commitDeadline as bigint)
    await testClient.increaseTime({ seconds: commitDeadline - Number(timestamp) + 1 })
    await testClient.mine({ blocks: 1 })
    const reveal = seat.getByRole('button', { name: 'Reveal score' })
    await reveal.waitFor({ timeout: 30_000 })
    await expect.poll(() => reveal.isEnabled(), { timeout: 30_000 }).toBe(true)
    await reveal.click()
    await seat.getByTestId('revealed').waitFor({ timeout: 60_000 })
    expect(await seat.getByTestId('revealed').textContent()).toContain(`revealed score ${score}`)
    await shot(page, 'desktop-revealed')
    expect(errors).toEqual([])
  })
})

describe('a holder', () => {
  test('delegates, and votes on a proposal', async () => {
    const transport = http(config.rpcUrl)
    const publicClient = createPublicClient({ chain: foundry, transport })
    const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' })
    const deployment = parseDeployment(config.deployment)
    const holder = createDaimmClient({
      publicClient,
      walletClient: createWalletClient({ chain: foundry, transport, account: BUYER }),
      deployment,
    })
    // The holder is a genesis holder (1,000,000 DAIMM on the local chain): above the proposal threshold.
    const { page } = await newPage('desktop')
    await page.goto(`${app}/govern`)
    await connectWallet(page)
    await page.getByRole('button', { name: 'Delegate my tokens to myself' }).click()
    await expect
      .poll(() => page.getByTestId('power').textContent(), { timeout: 30_000 })
      .toMatch(/^[1-9]\d{5,}(\.\d+)? DAIMM$/)
    // Votes count from the second after the delegation (the governor's clock is the timestamp).
    await testClient.increaseTime({ seconds: 2 })
    await testClient.mine({ blocks: 1 })
    const description = `Royalty rate to 2.5% (${Date.now()})`
    const { proposalId } = await holder.governance.propose({
      calls: [
        {
          target: deployment.contracts.registry,
          data: encodeFunctionData({
            abi: modelRegistryAbi,
            functionName: 'setRoyaltyRate',
            args: [250],
          }),
        },
      ],
      description,
    })
    const { timestamp } = await publicClient.getBlock()
    await testClient.setNextBlockTimestamp({ timestamp: timestamp + 5n })
    await testClient.mine({ blocks: 1 })
    expect(await holder.governance.getProposalState({ proposalId })).toBe('active')
    const item = page.getByRole('article', { name: description })
    await item.waitFor({ timeout: 30_000 })
    await expect
      .poll(() => item.getByTestId('proposal-state').textContent(), { timeout: 30_000 })
      .toBe('active')
    await axe(page, 'govern (desktop)')
    await item.getByRole('button', { name: 'Vote for' }).click()
    await item.getByTestId('voted').waitFor({ timeout: 60_000 })
    await expect
      .poll(() => item.getByTestId('votes-for').textContent(), { timeout: 30_000 })
      .not.toBe('0')
    await shot(page, 'desktop-voted')
    expect(errors).toEqual([])
  })
})

describe('phone width', () => {
  test('explore and a model page fit and pass axe-core', async () => {
    const { page } = await newPage('phone')
    await page.goto(`${app}/`)
    await page.locator('.models li').first().waitFor()
    await axe(page, 'explore (phone)')
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow, 'no horizontal scroll on explore').toBeLessThanOrEqual(0)
    await shot(page, 'phone-explore')
    await page.locator('.models li h2 a').first().click()
    await page.getByRole('heading', { name: 'Lineage' }).waitFor()
    await axe(page, 'model page (phone)')
    await shot(page, 'phone-model')
    expect(errors).toEqual([])
  })
})
