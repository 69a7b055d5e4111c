import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'
import { sdkEntries } from '../../scripts/entries.mjs'

const sdk = join(dirname(fileURLToPath(import.meta.url)), '../..')
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])

/** The entries that need Node.js; every other entry of package.json `exports` is browser-safe. */
const nodeEntries = ['@daimm/sdk/node', '@daimm/sdk/eval/node']
const entries = sdkEntries().map(({ specifier, source }) => [specifier, source] as const)
const browserSafe = entries.filter(([specifier]) => !nodeEntries.includes(specifier))
const needNode = entries.filter(([specifier]) => nodeEntries.includes(specifier))

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
  test.each(browserSafe)(
    '%s bundles for the browser without Node.js built-ins',
    async (_, entry) => {
      const { inputs, imports } = await bundleForBrowser(entry)
      expect(imports.filter((path) => builtins.has(path))).toEqual([])
      const nodeOnly = inputs.filter((path) =>
        /src\/(cli\/|node\.ts|eval\/node\.ts|cid\/file\.ts|storage\/local-store\.ts)/.test(path),
      )
      expect(nodeOnly).toEqual([])
    },
  )

  test('@daimm/sdk/eval carries onnxruntime-web; @daimm/sdk and the indexer leave it and evaluation out', async () => {
    const evaluation = await bundleForBrowser('src/eval/index.ts')
    expect(evaluation.inputs.some((path) => path.includes('onnxruntime-web'))).toBe(true)
    for (const entry of ['src/index.ts', 'src/indexer/index.ts']) {
      const { inputs } = await bundleForBrowser(entry)
      expect(inputs.filter((path) => /onnxruntime|src\/eval\//.test(path))).toEqual([])
    }
  })

  test.each(needNode)('%s is an entry that needs Node.js', async (_, entry) => {
    await expect(bundleForBrowser(entry)).rejects.toThrow(/Could not resolve "node:/)
  })
})
