// `npm run check:pack`: what `npm install @daimm/sdk` gives a dApp. Checks the tarball (README,
// LICENSE, no onnxruntime-web among the dependencies) and its types under every resolution
// (`attw --pack`), packs the built package, installs the tarball into a fresh project beside viem
// (and reports the install's size), imports every entry with both `import` and `require`, checks
// that the protocol tables ship once and that a bundle of the root loads them lazily only, then
// runs the CLI (`daimm cid`, and `daimm eval` on a bundled model, with the optional onnxruntime-web
// peer installed), and the three "done when" scenarios against anvil (scripts/pack-scenarios.ts).
// Needs `npm run build` first and the npm registry (viem, onnxruntime-web).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { sdkEntries } from './entries.mjs'

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
  const listed = run('tar', ['-tzf', tarball], project).split('\n')
  for (const file of ['package/README.md', 'package/LICENSE'])
    if (!listed.includes(file)) throw new Error(`the tarball has no ${file.slice(8)}`)
  const manifest = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'))
  if (manifest.dependencies?.['onnxruntime-web'])
    throw new Error(
      'onnxruntime-web is a dependency: it must be an optional peer (only /eval uses it)',
    )
  // Types resolve under node10, node16 (CJS and ESM) and bundler: attw exits 1 on any problem.
  run(join(sdk, '../node_modules/.bin/attw'), ['--pack', '.', '--format', 'ascii'], sdk)

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
  run('npm', ['install', '--no-audit', '--no-fund', tarball, `viem@${viem}`], project)
  const installed = run('du', ['-sk', 'node_modules'], project).split('\t')[0]
  const ort = manifest.peerDependencies['onnxruntime-web']
  if (run('ls', ['node_modules'], project).split('\n').includes('onnxruntime-web'))
    throw new Error('onnxruntime-web was installed without being asked for')
  // The SDK without the optional peer: everything but evaluation imports.
  run(
    'node',
    [
      '--input-type=module',
      '-e',
      "const m = await import('@daimm/sdk'); if (!m.createDaimmClient) process.exit(1)",
    ],
    project,
  )
  run('npm', ['install', '--no-audit', '--no-fund', `onnxruntime-web@${ort}`], project)

  const entries = sdkEntries().map((entry) => entry.specifier)
  const installedDist = join(project, 'node_modules/@daimm/sdk/dist')
  const esm = entries.map(
    (e) => `await import('${e}').then((m) => Object.keys(m).length || process.exit(1))`,
  )
  run('node', ['--input-type=module', '-e', esm.join(';')], project)
  const cjs = entries.map((e) => `Object.keys(require('${e}')).length || process.exit(1)`)
  run('node', ['-e', cjs.join(';')], project)

  // The ES module maps point at src/ in the package instead of carrying copies; every source a map
  // names is in the package or carried inside the map.
  for (const file of readdirSync(installedDist).filter((name) => name.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(installedDist, file), 'utf8'))
    if (file.endsWith('.js.map') && map.sourcesContent)
      throw new Error(
        `dist/${file} carries its sources: build the ES modules with sourcesContent off`,
      )
    const missing = map.sources.filter(
      (source, i) => map.sourcesContent?.[i] == null && !existsSync(resolve(installedDist, source)),
    )
    if (missing.length) throw new Error(`dist/${file} names sources the package lacks: ${missing}`)
  }

  // The protocol's error and event tables ship once per format, and a bundle of the installed root
  // entry loads them only through `import()` (when a call fails or a receipt arrives).
  const table = 'AccessControlBadConfirmation()'
  for (const format of ['.js', '.cjs']) {
    const copies = readdirSync(installedDist).filter(
      (file) =>
        file.endsWith(format) && readFileSync(join(installedDist, file), 'utf8').includes(table),
    )
    if (copies.length !== 1)
      throw new Error(`the protocol tables ship in ${copies.length} ${format} files: ${copies}`)
  }
  writeFileSync(
    join(project, 'root-app.js'),
    "import { market } from '@daimm/sdk'\nexport const buy = (ctx, p) => market.buyLicense(ctx, p)\n",
  )
  const bundled = await build({
    entryPoints: [join(project, 'root-app.js')],
    absWorkingDir: project,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: join(project, 'out'),
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
  const upFront = new Set()
  const visit = (path) => {
    if (upFront.has(path)) return
    upFront.add(path)
    for (const imported of bundled.metafile.outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(imported.path)
  }
  // The app's own chunk (chunks loaded by `import()` name their module as entry point too).
  for (const [path, output] of Object.entries(bundled.metafile.outputs))
    if (output.entryPoint === 'root-app.js') visit(path)
  const withTables = bundled.outputFiles.filter((file) => file.text.includes(table))
  if (withTables.length !== 1)
    throw new Error(
      `a bundle of the root entry holds the protocol tables ${withTables.length} times`,
    )
  if ([...upFront].some((path) => withTables[0]?.path.endsWith(path)))
    throw new Error('a bundle of the root entry loads the protocol tables up front')

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
  // Start-up of the installed CLI: the median of 9 runs of `daimm --help`, beside bare node.
  const median = (args) => {
    const times = Array.from({ length: 9 }, () => {
      const start = process.hrtime.bigint()
      run(process.execPath, args, project)
      return Number(process.hrtime.bigint() - start) / 1e6
    }).sort((a, b) => a - b)
    return times[4]
  }
  const bin = join(project, 'node_modules/@daimm/sdk/bin/daimm.mjs')
  console.log(
    `daimm --help ${median([bin, '--help']).toFixed(0)} ms, --version ${median([bin, '--version']).toFixed(0)} ms (bare node ${median(['-e', '0']).toFixed(0)} ms)`,
  )

  // The three "done when" scenarios, from the tarball, against a fresh anvil.
  const scenarios = run(
    process.execPath,
    ['--import', 'tsx', join(sdk, 'scripts/pack-scenarios.ts'), project],
    sdk,
  )
  process.stdout.write(scenarios)
  console.log(
    `packed ${tarball.split('/').pop()}: README and LICENSE in, attw clean, ${(Number(installed) / 1024).toFixed(1)} MB installed with viem (no onnxruntime-web); ${entries.length} entries import and require; daimm cid and daimm eval work`,
  )
} finally {
  rmSync(project, { recursive: true, force: true })
}
