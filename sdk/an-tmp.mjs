import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
const ns = process.argv[2]
writeFileSync('/tmp/sz/app.js', `export * from '@daimm/sdk/${ns}'`)
const r = await build({ entryPoints: ['/tmp/sz/app.js'], bundle: true, minify: true, format: 'esm', platform: 'browser', splitting: true, outdir: '/tmp/sz/out', metafile: true, write: false, logLevel: 'silent',
  alias: { [`@daimm/sdk/${ns}`]: `/work/main/sdk/src/namespaces/${ns}.ts` }, absWorkingDir: '/work/main/sdk' })
const outs = Object.entries(r.metafile.outputs)
const byIn = {}
for (const [name, o] of outs) { if (!name.endsWith('app.js') && !o.entryPoint) {} 
  for (const [k, v] of Object.entries(o.inputs)) byIn[k] = (byIn[k] ?? 0) + v.bytesInOutput }
const entry = outs.find(([n]) => n.endsWith('app.js'))[1]
console.log('static imports', entry.imports.map(i => i.path + ' ' + i.kind))
const rows = Object.entries(entry.inputs).filter(([k]) => !k.includes('node_modules/viem') && !k.includes('ox/') && !k.includes('@noble') && !k.includes('abitype')).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput)
let tot=0; for (const [k,v] of rows) { tot+=v.bytesInOutput; if (v.bytesInOutput>300) console.log(v.bytesInOutput, k) }
console.log('non-viem total', tot)
