import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const ns = process.argv[2]
const r = await build({
  stdin: {
    contents: `export * from '${process.cwd()}/src/namespaces/${ns}.ts'`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  metafile: true,
  external: ['viem', 'viem/*'],
  logLevel: 'silent',
})
const code = r.outputFiles[0].contents
console.log(ns, 'min', code.length, 'gz', gzipSync(code, { level: 9 }).length)
const inputs = Object.entries(r.metafile.outputs)[0][1].inputs
console.log(
  Object.entries(inputs)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 12)
    .map(([k, v]) => `${v.bytesInOutput} ${k}`)
    .join('\n'),
)
