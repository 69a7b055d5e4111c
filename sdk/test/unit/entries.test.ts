import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { sdkEntries, sdkRoot } from '../../scripts/entries.mjs'

/**
 * package.json `exports` is the one list of entries (scripts/entries.mjs reads it for tsup, the
 * size bench, check:pack and the tests). What cannot be derived from it at install time is
 * checked against it here.
 */
const manifest = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8'))
const entries = sdkEntries()

describe('package entries', () => {
  test('each export names its four files after its dist/ name', () => {
    for (const { subpath, name } of entries)
      expect(manifest.exports[subpath], subpath).toEqual({
        import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
      })
    const root = entries.find((entry) => entry.subpath === '.')
    expect([manifest.main, manifest.module, manifest.types]).toEqual([
      `./dist/${root?.name}.cjs`,
      `./dist/${root?.name}.js`,
      `./dist/${root?.name}.d.ts`,
    ])
  })

  test('typesVersions (types for moduleResolution node10) lists exactly the subpath exports', () => {
    expect(manifest.typesVersions).toEqual({
      '*': Object.fromEntries(
        entries
          .filter(({ subpath }) => subpath !== '.')
          .map(({ subpath, name }) => [subpath.slice(2), [`./dist/${name}.d.cts`]]),
      ),
    })
  })

  test('every namespace of src/namespaces/ is exported', () => {
    const files = readdirSync(join(sdkRoot, 'src/namespaces')).filter((f) => f.endsWith('.ts'))
    expect(
      entries
        .filter((entry) => entry.namespace)
        .map((entry) => entry.source)
        .sort(),
    ).toEqual(files.map((file) => `src/namespaces/${file}`).sort())
  })

  test('sources and names are those the build and the docs expect', () => {
    expect(
      Object.fromEntries(entries.map(({ specifier, name, source }) => [specifier, [name, source]])),
    ).toMatchObject({
      '@daimm/sdk': ['index', 'src/index.ts'],
      '@daimm/sdk/eval/node': ['eval-node', 'src/eval/node.ts'],
      '@daimm/sdk/licensing': ['licensing', 'src/licensing/portable.ts'],
      '@daimm/sdk/usage': ['usage', 'src/namespaces/usage.ts'],
    })
  })
})
