import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'

const sdk = join(dirname(fileURLToPath(import.meta.url)), '../..')
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])

/** Bundles an entry for the browser, as a dApp's bundler would, and lists what went in. */
async function bundleForBrowser(entry: string) {
  const result = await build({
    entryPoints: [join(sdk, entry)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    // Peer dependency: the dApp brings it.
    external: ['viem'],
  })
  const inputs = Object.keys(result.metafile.inputs).map((path) =>
    relative(sdk, join(process.cwd(), path)),
  )
  const imports = Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.map(({ path }) => path),
  )
  return { inputs, imports }
}

describe('browser-safe entries', () => {
  test.each([
    ['@daimm/sdk', 'src/index.ts'],
    ['@daimm/sdk/cid', 'src/cid/index.ts'],
    ['@daimm/sdk/storage', 'src/storage/index.ts'],
    ['@daimm/sdk/eval', 'src/eval/index.ts'],
    ['@daimm/sdk/indexer', 'src/indexer/index.ts'],
    ['@daimm/sdk/licensing', 'src/licensing/portable.ts'],
  ])('%s bundles for the browser without Node.js built-ins', async (_, entry) => {
    const { inputs, imports } = await bundleForBrowser(entry)
    expect(imports.filter((path) => builtins.has(path))).toEqual([])
    const nodeOnly = inputs.filter((path) =>
      /src\/(cli\/|node\.ts|eval\/node\.ts|cid\/file\.ts|storage\/local-store\.ts)/.test(path),
    )
    expect(nodeOnly).toEqual([])
  })

  test('@daimm/sdk/eval carries onnxruntime-web; @daimm/sdk and the indexer leave it and evaluation out', async () => {
    const evaluation = await bundleForBrowser('src/eval/index.ts')
    expect(evaluation.inputs.some((path) => path.includes('onnxruntime-web'))).toBe(true)
    for (const entry of ['src/index.ts', 'src/indexer/index.ts']) {
      const { inputs } = await bundleForBrowser(entry)
      expect(inputs.filter((path) => /onnxruntime|src\/eval\//.test(path))).toEqual([])
    }
  })

  test.each([
    ['@daimm/sdk/node', 'src/node.ts'],
    ['@daimm/sdk/eval/node', 'src/eval/node.ts'],
  ])('%s is an entry that needs Node.js', async (_, entry) => {
    await expect(bundleForBrowser(entry)).rejects.toThrow(/Could not resolve "node:/)
  })
})
