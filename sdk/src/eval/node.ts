/**
 * `@daimm/sdk/eval/node`: evaluation inputs read from files, and onnxruntime-web pointed at its
 * WebAssembly files in node_modules. Node.js only; the rest of evaluation is in `@daimm/sdk/eval`.
 */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, extname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FileReadError } from '../cid/errors.js'
import { type Dataset, type LoadDatasetOptions, loadDataset } from './load-dataset.js'
import { type LoadModelOptions, loadModel, type OnnxModel } from './load-model.js'
import { configureRuntime, pinnedRuntimeVersion } from './runtime.js'

/**
 * Loads an ONNX model from a file (see `loadModel`). Throws `FileReadError` when the file cannot
 * be read and `InvalidModelError` when it is not an ONNX model.
 *
 * @example
 * import { evaluateModel } from '@daimm/sdk/eval'
 * import { loadDatasetFile, loadModelFile } from '@daimm/sdk/eval/node'
 * const model = await loadModelFile('iris-mlp.onnx')
 * const dataset = await loadDatasetFile('iris-test.csv')
 * const { accuracy, digest } = await evaluateModel({ model, dataset })
 */
export async function loadModelFile(
  path: string,
  options: LoadModelOptions = {},
): Promise<OnnxModel> {
  useInstalledRuntime()
  return loadModel(await read(path), { name: basename(path), ...options })
}

/**
 * Loads a dataset from a CSV or JSON file (see `loadDataset`); the format follows the extension
 * (`.json`, `.csv`), else the content. Throws `FileReadError` when the file cannot be read.
 *
 * @example
 * const dataset = await loadDatasetFile('digits-test.csv', { inputShape: [1, 8, 8] })
 */
export async function loadDatasetFile(
  path: string,
  options: LoadDatasetOptions = {},
): Promise<Dataset> {
  const extension = extname(path).toLowerCase()
  const format = extension === '.json' ? 'json' : extension === '.csv' ? 'csv' : undefined
  return loadDataset(await read(path), { name: basename(path), format, ...options })
}

let located: string | undefined | null = null

/**
 * Points onnxruntime-web at the WebAssembly files of the installed `onnxruntime-web` package,
 * when that package is the version the SDK evaluates with. Needed when onnxruntime-web's
 * JavaScript was bundled into another file (it then looks for its `.wasm` beside that file);
 * harmless otherwise. `loadModelFile` calls it. Returns the directory used, if any; wasm paths
 * set by the application win.
 */
export function useInstalledRuntime(): string | undefined {
  if (located !== null) return located
  located = undefined
  const here = typeof __filename === 'string' ? __filename : import.meta.url
  for (const base of [here, join(process.cwd(), 'package.json')]) {
    try {
      // dist/ort-wasm-simd-threaded.wasm, beside the package's package.json (not itself exported).
      const wasm = createRequire(base).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')
      const manifest = JSON.parse(readFileSync(join(dirname(wasm), '../package.json'), 'utf8')) as {
        version?: string
      }
      if (manifest.version !== pinnedRuntimeVersion) continue
      const directory = pathToFileURL(`${dirname(wasm)}/`).href
      configureRuntime((ort) => {
        if (ort.env.wasm.wasmPaths === undefined) ort.env.wasm.wasmPaths = directory
      })
      located = directory
      return directory
    } catch {
      // Not installed where this base resolves from: try the next.
    }
  }
  return undefined
}

async function read(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path))
  } catch (cause) {
    throw new FileReadError({ path, cause })
  }
}
