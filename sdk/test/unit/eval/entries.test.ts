import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'
import * as evaluation from '../../../src/eval/index.js'
import * as evaluationNode from '../../../src/eval/node.js'

const sdkRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])

// Pins the public API of the evaluation entries: an export added or removed shows up here.
test('@daimm/sdk/eval exports', () => {
  expect(Object.keys(evaluation).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_BATCH_SIZE",
      "EvaluationError",
      "InvalidDatasetError",
      "InvalidModelError",
      "ModelInputMismatchError",
      "UnknownModelOutputError",
      "UnsupportedModelOutputError",
      "computeMetrics",
      "evaluateModel",
      "evaluationDigest",
      "evaluationDigestParameters",
      "evaluationMetrics",
      "evaluationScore",
      "loadDataset",
      "loadModel",
      "metricId",
      "runtimeVersion",
    ]
  `)
})

test('@daimm/sdk/eval/node exports', () => {
  expect(Object.keys(evaluationNode).sort()).toMatchInlineSnapshot(`
    [
      "loadDatasetFile",
      "loadModelFile",
      "useInstalledRuntime",
    ]
  `)
})

describe('browser safety', () => {
  /** Bundles an entry for the browser, as a dApp's bundler would, and lists what went in. */
  async function bundleForBrowser(entry: string) {
    const result = await build({
      entryPoints: [join(sdkRoot, entry)],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
      external: ['viem'],
    })
    const inputs = Object.keys(result.metafile.inputs).map((path) =>
      relative(sdkRoot, join(process.cwd(), path)),
    )
    const imports = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.map(({ path }) => path),
    )
    return { inputs, imports }
  }

  test('@daimm/sdk/eval bundles for the browser, onnxruntime-web included, without Node.js built-ins', async () => {
    const { inputs, imports } = await bundleForBrowser('src/eval/index.ts')
    expect(imports.filter((path) => builtins.has(path))).toEqual([])
    expect(inputs.filter((path) => /src\/(cli\/|node\.ts|eval\/node\.ts)/.test(path))).toEqual([])
    expect(inputs.some((path) => path.includes('onnxruntime-web'))).toBe(true)
  })

  test('@daimm/sdk leaves evaluation and onnxruntime-web out', async () => {
    const { inputs } = await bundleForBrowser('src/index.ts')
    expect(inputs.filter((path) => /onnxruntime|src\/eval\//.test(path))).toEqual([])
  })

  test('@daimm/sdk/eval/node is the evaluation entry that needs Node.js', async () => {
    await expect(bundleForBrowser('src/eval/node.ts')).rejects.toThrow(/Could not resolve "node:/)
  })
})
