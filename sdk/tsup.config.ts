import { rmSync } from 'node:fs'
import { defineConfig, type Options } from 'tsup'
import { sdkEntries } from './scripts/entries.mjs'

/**
 * Library entries: those of package.json `exports` (scripts/entries.mjs), one per namespace among
 * them. All are browser-safe but `/node` and `/eval/node`, which alone import Node.js built-ins
 * (`node:*`, left as imports). They are built together
 * so that they share chunks: one copy of each error class, whichever entry it is imported from.
 * onnxruntime-web, a dependency of `/eval` only, stays an import.
 */
const entry = Object.fromEntries(sdkEntries().map(({ name, source }) => [name, source]))

const library: Options = {
  entry,
  dts: true,
  sourcemap: true,
  splitting: true,
  platform: 'neutral',
  target: 'es2022',
  treeshake: true,
  external: [/^node:/],
  // Keep `node:` on built-in imports: it tells bundlers and readers what is Node.js-only.
  removeNodeProtocol: false,
}

/**
 * Dependencies published as ES modules only: the CommonJS build carries them inside, so that
 * `require('@daimm/sdk')` works on every Node.js 20 (require of ES modules is not there before
 * 20.19).
 */
const esmOnlyDependencies = [/^multiformats(\/|$)/, /^@ipld\/dag-pb$/, /^ipfs-unixfs$/]

// The configurations build in parallel: cleaning is done once, here, not by each of them.
rmSync('dist', { recursive: true, force: true })

export default defineConfig([
  {
    ...library,
    format: ['esm'],
    // Its maps name the sources in src/, which the package ships, rather than carry copies: about
    // 3 MB less in every install (scripts/check-pack.mjs checks that each source is there). The
    // CommonJS maps keep theirs: that build inlines dependencies whose sources do not ship.
    esbuildOptions(options) {
      options.sourcesContent = false
    },
  },
  { ...library, format: ['cjs'], noExternal: esmOnlyDependencies },
  {
    // The `daimm` command line (the package's bin): Node.js only, ES module, dependencies external.
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    removeNodeProtocol: false,
    // Each command is loaded when it runs (commands/index.ts): split into chunks of its own, in
    // dist/cli/ (not beside the library's), so that `daimm --help` and `--version` read only
    // main.js and start in well under 0.3 s.
    splitting: true,
  },
])
