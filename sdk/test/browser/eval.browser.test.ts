/**
 * `@daimm/sdk/eval` in a real browser: the SDK's browser-safe core, bundled with esbuild as a dApp
 * would bundle it, evaluates the bundled models in headless Chromium (see test/support/chromium.ts,
 * driven by playwright-core) and must give what Node.js gives — the same predictions, metrics and digest,
 * and the digests pinned in test/unit/eval/fixtures.test.ts. onnxruntime-web runs another
 * WebAssembly build in the browser (`ort-wasm-simd-threaded.jsep.wasm`) than in Node.js
 * (`ort-wasm-simd-threaded.wasm`), so this is what tells validators in a browser and in Node.js
 * that they agree.
 */
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { evaluateModel } from '../../src/eval/index.js'
import { loadDatasetFile, loadModelFile } from '../../src/eval/node.js'
import { findChromium } from '../support/chromium.js'
import { assets, expected } from '../unit/eval/assets.js'
import type { BrowserEvaluation, BrowserEvaluationParameters } from './page/entry.js'

const sdk = join(dirname(fileURLToPath(import.meta.url)), '../..')
/** onnxruntime-web's dist/, where its .wasm and .mjs files are (the package exports them). */
const ortDist = dirname(
  createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'),
)

// The same cases, and the same digests, as test/unit/eval/fixtures.test.ts pins for Node.js.
const cases = [
  {
    name: 'iris-mlp',
    model: 'iris-mlp.onnx',
    data: 'iris-test.csv',
    output: 'label',
    digest: '0x48d0f459d87d91fbcda771935dd6d8f46276b282037daacdf4c0ec28728ee0b7',
  },
  {
    name: 'iris-mlp',
    model: 'iris-mlp.onnx',
    data: 'iris-test.json',
    output: 'probabilities',
    digest: '0x9028a23f9682ae9ad41145778b256583aa0df4d61f4d3c47ae7b3fa39655b75c',
  },
  {
    name: 'digits-cnn',
    model: 'digits-cnn.onnx',
    data: 'digits-test.csv',
    output: 'logits',
    digest: '0x0fd66b1b646ff207b46f59149b3bcd85513923b2d5917d29548bb47dc9df8b62',
  },
] as const

const html = `<!doctype html>
<meta charset="utf-8">
<title>@daimm/sdk/eval</title>
<link rel="icon" href="data:,">
<script type="module" src="/eval.js"></script>
`

/** What the server answered, path by path, so the test can tell where the WebAssembly came from. */
const served: string[] = []
let server: Server | undefined
let browser: Browser | undefined
let page: Page
let origin: string
let bundleInputs: string[]
const pageErrors: string[] = []

async function bundlePage(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(sdk, 'test/browser/page/entry.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  })
  bundleInputs = Object.keys(result.metafile.inputs).map((path) =>
    relative(sdk, join(process.cwd(), path)),
  )
  const [output] = result.outputFiles
  if (output === undefined) throw new Error('esbuild wrote no bundle for the test page.')
  return output.contents
}

function contentType(path: string): string {
  if (path.endsWith('.wasm')) return 'application/wasm'
  if (path.endsWith('.js') || path.endsWith('.mjs')) return 'text/javascript'
  if (path.endsWith('.html') || path === '/') return 'text/html; charset=utf-8'
  return 'application/octet-stream'
}

/** Serves the page, its bundle, onnxruntime-web's files and the bundled models and datasets. */
async function startServer(bundle: Uint8Array): Promise<string> {
  const body = async (path: string): Promise<Uint8Array | string | undefined> => {
    if (path === '/') return html
    if (path === '/eval.js') return bundle
    const ort = /^\/ort\/(ort-wasm-simd-threaded(?:\.\w+)?\.(?:wasm|mjs))$/.exec(path)?.[1]
    if (ort !== undefined) return readFile(join(ortDist, ort))
    const asset = /^\/assets\/([\w-]+\.(?:onnx|csv|json))$/.exec(path)?.[1]
    if (asset !== undefined) return readFile(join(assets, asset))
    return undefined
  }
  const listening = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    body(path).then(
      (content) => {
        served.push(`${content === undefined ? 404 : 200} ${path}`)
        if (content === undefined) response.writeHead(404).end()
        else response.writeHead(200, { 'content-type': contentType(path) }).end(content)
      },
      (error: unknown) => {
        served.push(`500 ${path}`)
        response.writeHead(500).end(String(error))
      },
    )
  })
  server = listening
  await new Promise<void>((resolve, reject) => {
    listening.once('error', reject)
    listening.listen(0, '127.0.0.1', resolve)
  })
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
}

/** Bundles the page, starts the server and Chromium, and opens the page. */
async function start(): Promise<void> {
  origin = await startServer(await bundlePage())
  const { executablePath, args, source } = await findChromium()
  // Under the hook's timeout, so that a Chromium that never starts fails each test, not the hook.
  browser = await chromium
    .launch({ executablePath, headless: true, args, timeout: 60_000 })
    .catch((error: unknown) => {
      throw new Error(`Chromium (${source}, ${executablePath}) did not start: ${String(error)}`)
    })
  page = await browser.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
  await page.goto(`${origin}/`)
  await page.waitForFunction(() => 'daimmEvaluate' in globalThis)
}

let setup: Promise<void> | undefined
/**
 * Starts once, under the hook's timeout; every test awaits it, so that without Chromium each test
 * fails with how to install it (a failing beforeAll would only mark them skipped).
 */
const ready = () => {
  setup ??= start()
  return setup
}
beforeAll(() => ready().catch(() => undefined))

afterAll(async () => {
  // Close the browser whatever happened, then the server (with the connections Chromium kept).
  await browser?.close()
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

test('the page bundles the browser build of onnxruntime-web, not the Node.js one', async () => {
  await ready()
  const ort = bundleInputs.filter((path) => path.includes('onnxruntime-web/'))
  expect(ort.map((path) => path.replace(/.*onnxruntime-web\//, ''))).toEqual([
    'dist/ort.bundle.min.mjs',
  ])
  expect(bundleInputs.filter((path) => /src\/eval\/node\.ts/.test(path))).toEqual([])
})

describe.each(cases)('$model on $data, output $output, in Chromium', (fixture) => {
  test('gives the same predictions, metrics and digest as Node.js, and the pinned digest', async () => {
    await ready()
    const parameters: BrowserEvaluationParameters = {
      wasmPaths: `${origin}/ort/`,
      model: `${origin}/assets/${fixture.model}`,
      data: `${origin}/assets/${fixture.data}`,
      output: fixture.output,
    }
    const inBrowser: BrowserEvaluation = await page.evaluate(
      (parameters) =>
        (
          globalThis as unknown as {
            daimmEvaluate: (parameters: BrowserEvaluationParameters) => Promise<BrowserEvaluation>
          }
        ).daimmEvaluate(parameters),
      parameters,
    )
    expect(pageErrors).toEqual([])
    expect(inBrowser.userAgent).toMatch(/HeadlessChrome\//)

    const model = await loadModelFile(join(assets, fixture.model))
    const { latencyMs: _, ...inNode } = await evaluateModel({
      model,
      dataset: await loadDatasetFile(join(assets, fixture.data)),
      output: fixture.output,
    }).finally(() => model.release())

    const browserResult = inBrowser.result
    expect(browserResult.digest).toBe(inNode.digest)
    expect(browserResult.digest).toBe(fixture.digest)
    expect(browserResult.predictions).toEqual(Array.from(inNode.predictions))
    expect(browserResult.predictions).toEqual(expected[fixture.name].predictions)
    expect(browserResult.accuracy).toBe(expected[fixture.name].accuracy)
    // Everything else too: metrics, score, confusion, fingerprint, CID, runtime, output, input.
    expect(browserResult).toEqual({ ...inNode, predictions: Array.from(inNode.predictions) })
    // A page that is not cross-origin isolated reads a coarse clock (100 µs steps), and the Iris MLP
    // can finish within one step: the latency is a measurement, so only its form is checked here.
    const { total, perSample } = inBrowser.latencyMs
    expect(Number.isFinite(total) && total >= 0).toBe(true)
    expect(perSample).toBeCloseTo(total / inNode.predictions.length)
  })
})

test('onnxruntime-web ran its browser WebAssembly, fetched from the served wasmPaths', async () => {
  await ready()
  expect(served).toContain('200 /ort/ort-wasm-simd-threaded.jsep.wasm')
  expect(served).toContain('200 /ort/ort-wasm-simd-threaded.jsep.mjs')
  expect(served.filter((line) => !line.startsWith('200 '))).toEqual([])
})
