// `npm run check:pack`: what `npm install @daimm/sdk` gives a dApp. Packs the built package,
// installs the tarball into a fresh project beside viem, and imports every entry with both
// `import` and `require`, then runs the CLI (`daimm cid`, and `daimm eval` on a bundled model).
// Needs `npm run build` first and the npm registry (viem).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const sdk = resolve(import.meta.dirname, '..')
// The consumer gets the viem version the SDK is tested with.
const viem = JSON.parse(
  readFileSync(createRequire(join(sdk, 'package.json')).resolve('viem/package.json'), 'utf8'),
).version
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' })

const project = mkdtempSync(join(tmpdir(), 'daimm-pack-'))
try {
  const tarball = join(
    project,
    run('npm', ['pack', '--silent', '--pack-destination', project], sdk).trim(),
  )
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
  run('npm', ['install', '--no-audit', '--no-fund', tarball, `viem@${viem}`], project)

  const entries = [
    '@daimm/sdk',
    '@daimm/sdk/cid',
    '@daimm/sdk/storage',
    '@daimm/sdk/indexer',
    '@daimm/sdk/node',
    '@daimm/sdk/eval',
    '@daimm/sdk/eval/node',
  ]
  const esm = entries.map(
    (e) => `await import('${e}').then((m) => Object.keys(m).length || process.exit(1))`,
  )
  run('node', ['--input-type=module', '-e', esm.join(';')], project)
  const cjs = entries.map((e) => `Object.keys(require('${e}')).length || process.exit(1)`)
  run('node', ['-e', cjs.join(';')], project)

  const sample = join(project, 'sample.bin')
  writeFileSync(sample, 'hello')
  const out = JSON.parse(
    run(join(project, 'node_modules/.bin/daimm'), ['cid', sample, '--json'], project),
  )
  if (out.cid !== 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq')
    throw new Error(`daimm cid gave ${out.cid}`)

  // The bundled fixtures ship in the package, and onnxruntime-web finds its WebAssembly there.
  const assets = join(project, 'node_modules/@daimm/sdk/assets/eval')
  const evaluation = JSON.parse(
    run(
      join(project, 'node_modules/.bin/daimm'),
      ['eval', join(assets, 'iris-mlp.onnx'), '--data', join(assets, 'iris-test.csv'), '--json'],
      project,
    ),
  )
  const expected = JSON.parse(readFileSync(join(assets, 'expected.json'), 'utf8'))['iris-mlp']
  if (evaluation.accuracy !== expected.accuracy)
    throw new Error(
      `daimm eval gave accuracy ${evaluation.accuracy}, expected ${expected.accuracy}`,
    )
  console.log(
    `packed ${tarball.split('/').pop()}: ${entries.length} entries import and require; daimm cid and daimm eval work`,
  )
} finally {
  rmSync(project, { recursive: true, force: true })
}
