// The package's entries, read from sdk/package.json `exports`: the one list of them. tsup.config.ts
// builds them, bench/size.ts measures the namespaces, scripts/check-pack.mjs imports them from the
// tarball and the tests resolve `@daimm/sdk/...` with them. Plain JavaScript (types beside, in
// entries.d.mts) so that Node.js runs check-pack.mjs without a TypeScript loader.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The SDK's package root (sdk/): the nearest directory up with a package.json. Searched, not
 * `..`, because tsup bundles its config with this file into sdk/ before running it.
 */
export const sdkRoot = (() => {
  let dir = import.meta.dirname
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${import.meta.dirname}`)
    dir = dirname(dir)
  }
  return dir
})()

/** Entries whose source is not found by the rule in `sourceOf`. */
const sources = { './licensing': 'src/licensing/portable.ts' }

/**
 * The source file an export is built from: `src/index.ts` for the root; else the exception above;
 * else the first that exists of `src/namespaces/<path>.ts` (a namespace's standalone actions),
 * `src/<path>.ts` and `src/<path>/index.ts`.
 */
function sourceOf(subpath) {
  if (subpath === '.') return 'src/index.ts'
  if (sources[subpath]) return sources[subpath]
  const path = subpath.slice(2)
  const candidates = [`src/namespaces/${path}.ts`, `src/${path}.ts`, `src/${path}/index.ts`]
  const found = candidates.find((file) => existsSync(join(sdkRoot, file)))
  if (!found) throw new Error(`package.json exports ${subpath}, but none of ${candidates} exists`)
  return found
}

/** Every entry of `@daimm/sdk`'s `exports` (package.json itself left out), in the file's order. */
export function sdkEntries() {
  const manifest = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8'))
  return Object.entries(manifest.exports)
    .filter(([subpath]) => !subpath.endsWith('.json'))
    .map(([subpath, conditions]) => {
      const source = sourceOf(subpath)
      return {
        subpath,
        specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        // dist/<name>.js: the tsup entry name.
        name: conditions.import.default.replace(/^\.\/dist\/(.*)\.js$/, '$1'),
        source,
        namespace: source.startsWith('src/namespaces/'),
      }
    })
}
