/**
 * `npm run bench:size` (part of the root `npm run bench:sdk`): what the SDK costs a dApp beside
 * viem. Bundle sizes (esbuild, minified, gzipped) of small apps that use viem alone, a standalone
 * action, and the whole client; and the type-check cost (tsc time and type instantiations) of a
 * five-line file that imports viem alone, and the SDK. Targets (issue 18): each namespace entry
 * (`@daimm/sdk/<namespace>`, all its exports used) and a standalone action from the root at most
 * 10 KB gz over viem (DAIMM_BENCH_SIZE_TARGET_KB overrides, to check that a miss fails); the type check at most 2× viem's. Exits 1 if a target is missed.
 * Type checks run against the built package (dist/): run `npm run build` first.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { sdkEntries } from '../scripts/entries.mjs'

const sdk = fileURLToPath(new URL('..', import.meta.url))
const tsc = join(sdk, '../node_modules/typescript/bin/tsc')
const TARGET_BUNDLE_OVER_VIEM = Number(process.env.DAIMM_BENCH_SIZE_TARGET_KB ?? 10) * 1024
const TARGET_TYPECHECK_RATIO = 2

const viemApp = `
import { createPublicClient, createWalletClient, custom, http } from 'viem'
const publicClient = createPublicClient({ transport: http() })
const walletClient = createWalletClient({ transport: custom(globalThis.ethereum) })
export const read = () => publicClient.readContract
export const write = () => walletClient.writeContract`

const entries = sdkEntries()
const namespaces = entries.filter((entry) => entry.namespace)

/** Each namespace entry, everything it exports used (the most a dApp pays for it), and the root. */
const apps: Record<string, string> = {
  'viem alone': viemApp,
  ...Object.fromEntries(
    namespaces.map(({ specifier }) => [
      `viem + ${specifier} (standalone)`,
      `${viemApp}\nexport * from '${specifier}'`,
    ]),
  ),
  'viem + market.buyLicense (standalone, root entry)': `${viemApp}
import { market } from '@daimm/sdk'
export const buy = (ctx, p) => market.buyLicense(ctx, p)`,
  'viem + createDaimmClient': `${viemApp}
import { createDaimmClient } from '@daimm/sdk'
export const daimm = (deployment) => createDaimmClient({ publicClient, walletClient, deployment })`,
}

/**
 * Minified bytes a page loads up front: the entry and the chunks it imports statically. Chunks
 * reached only by `import()` (loaded when a call fails, for instance) are left out.
 */
async function bundleSize(source: string, dir: string): Promise<{ min: number; gz: number }> {
  const entry = join(dir, 'app.js')
  await writeFile(entry, source)
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: join(dir, 'out'),
    metafile: true,
    write: false,
    logLevel: 'silent',
    alias: Object.fromEntries(entries.map((e) => [e.specifier, join(sdk, e.source)])),
    nodePaths: [join(sdk, 'node_modules'), join(sdk, '../node_modules')],
  })
  const outputs = result.metafile.outputs
  const loaded = new Set<string>()
  const visit = (path: string) => {
    if (loaded.has(path)) return
    loaded.add(path)
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(imported.path)
  }
  const main = Object.keys(outputs).find((path) => outputs[path]?.entryPoint !== undefined)
  if (main) visit(main)
  const code = Buffer.concat(
    result.outputFiles
      .filter((file) =>
        [...loaded].some((path) => file.path.endsWith(path.replace(/^.*?out\//, 'out/'))),
      )
      .map((file) => Buffer.from(file.contents)),
  )
  return { min: code.byteLength, gz: gzipSync(code, { level: 9 }).byteLength }
}

const typeFiles: Record<string, string> = {
  'viem alone': `import { createPublicClient, http } from 'viem'
import { foundry } from 'viem/chains'
const publicClient = createPublicClient({ chain: foundry, transport: http() })
export const block = await publicClient.getBlock()
export const n = block.number`,
  'viem + @daimm/sdk': `import { createDaimmClient } from '@daimm/sdk'
import { createPublicClient, http } from 'viem'
import { foundry } from 'viem/chains'
const daimm = createDaimmClient({ publicClient: createPublicClient({ chain: foundry, transport: http() }) })
export const bought = await daimm.market.buyLicense({ offerId: 1n, maxPrice: 1n })`,
}

async function typecheck(source: string): Promise<{ seconds: number; instantiations: number }> {
  // Inside sdk/, so that `@daimm/sdk` (the workspace link) and viem resolve as a dApp's would.
  const dir = await mkdtemp(join(sdk, '.bench-types-'))
  try {
    await writeFile(join(dir, 'app.ts'), source)
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: [],
        },
        files: ['app.ts'],
      }),
    )
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [tsc, '-p', dir, '--extendedDiagnostics'],
      { cwd: dir },
    )
    const value = (label: string) => Number(stdout.match(new RegExp(`${label}:\\s+([\\d.]+)`))?.[1])
    return { seconds: value('Check time'), instantiations: value('Instantiations') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (!existsSync(join(sdk, 'dist/index.d.ts'))) {
  console.error('dist/ is missing: run `npm run build` first.')
  process.exit(1)
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const dir = await mkdtemp(join(sdk, '.bench-bundle-'))
let failed = false
try {
  console.log('Bundle (esbuild, minified; gzip -9)')
  const sizes = new Map<string, { min: number; gz: number }>()
  for (const [name, source] of Object.entries(apps)) sizes.set(name, await bundleSize(source, dir))
  const base = sizes.get('viem alone') as { min: number; gz: number }
  for (const [name, { min, gz }] of sizes) {
    const over = gz - base.gz
    const target = name.includes('standalone') ? over <= TARGET_BUNDLE_OVER_VIEM : true
    if (!target) failed = true
    console.log(
      `  ${name.padEnd(52)} ${kb(min).padStart(9)} min ${kb(gz).padStart(8)} gz${name === 'viem alone' ? '' : `  (+${kb(over)} gz over viem${name.includes('standalone') ? `, target ≤ ${kb(TARGET_BUNDLE_OVER_VIEM)}` : ''}${target ? '' : ': MISSED'})`}`,
    )
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}

console.log('Type check of a five-line file (tsc --extendedDiagnostics, skipLibCheck; median of 3)')
// The median of three runs each, interleaved, so that one slow run on a busy machine decides nothing.
const runs = new Map<string, { seconds: number; instantiations: number }[]>()
for (let round = 0; round < 3; round++)
  for (const [name, source] of Object.entries(typeFiles))
    runs.set(name, [...(runs.get(name) ?? []), await typecheck(source)])
const checks = new Map(
  [...runs].map(([name, results]) => [
    name,
    results.sort((a, b) => a.seconds - b.seconds)[1] as { seconds: number; instantiations: number },
  ]),
)
const viemCheck = checks.get('viem alone') as { seconds: number; instantiations: number }
for (const [name, { seconds, instantiations }] of checks) {
  const ratio = seconds / viemCheck.seconds
  const line = `  ${name.padEnd(20)} check ${seconds.toFixed(2)} s, ${instantiations.toLocaleString('en')} instantiations`
  if (name === 'viem alone') console.log(line)
  else {
    const met = ratio <= TARGET_TYPECHECK_RATIO
    if (!met) failed = true
    console.log(
      `${line}  (${ratio.toFixed(2)}× viem's time, ${(instantiations / viemCheck.instantiations).toFixed(2)}× its instantiations; target ≤ ${TARGET_TYPECHECK_RATIO}×${met ? '' : ': MISSED'})`,
    )
  }
}
if (failed) process.exit(1)
