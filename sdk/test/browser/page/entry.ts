/**
 * The test page's script, bundled by eval.browser.test.ts with esbuild for the browser, as a dApp
 * would bundle `@daimm/sdk/eval`: it fetches a model and a dataset from the test's server and
 * evaluates them with the SDK's browser-safe core. Runs in Chromium, not in Node.js.
 */
import * as ort from 'onnxruntime-web'
import { evaluateModel, loadDataset, loadModel } from '../../../src/eval/index.js'

export type BrowserEvaluationParameters = {
  /** Where onnxruntime-web's `.wasm` and `.mjs` files are served, ending in `/`. */
  wasmPaths: string
  /** URLs of the model and the dataset on the test's server, and their file names. */
  model: string
  data: string
  output?: string | undefined
}

/** `evaluateModel`'s result as it crosses to Node.js: plain arrays, latency apart. */
export type BrowserEvaluation = {
  result: Record<string, unknown> & { predictions: number[]; digest: string }
  latencyMs: { total: number; perSample: number }
  userAgent: string
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

async function evaluate({
  wasmPaths,
  model: modelUrl,
  data: dataUrl,
  output,
}: BrowserEvaluationParameters): Promise<BrowserEvaluation> {
  // Read by onnxruntime-web when it first initialises its WebAssembly (loadModel sets the same
  // single thread): the files come from the test's server, not from beside this bundle.
  ort.env.wasm.numThreads = 1
  ort.env.wasm.wasmPaths = wasmPaths
  const fileName = (url: string) => url.slice(url.lastIndexOf('/') + 1)
  const model = await loadModel(await fetchBytes(modelUrl), { name: fileName(modelUrl) })
  try {
    const dataName = fileName(dataUrl)
    const dataset = await loadDataset(await fetchBytes(dataUrl), {
      name: dataName,
      format: dataName.endsWith('.json') ? 'json' : 'csv',
    })
    const { latencyMs, predictions, ...result } = await evaluateModel({ model, dataset, output })
    return {
      result: { ...result, predictions: Array.from(predictions) },
      latencyMs,
      userAgent: (globalThis as { navigator?: { userAgent: string } }).navigator?.userAgent ?? '',
    }
  } finally {
    await model.release()
  }
}

;(globalThis as { daimmEvaluate?: typeof evaluate }).daimmEvaluate = evaluate
