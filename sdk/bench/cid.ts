/**
 * `npm run bench:sdk`: how fast `computeCid` hashes compared with plain SHA-256, and how much
 * memory `daimm cid` takes on a 1 GiB file. Targets (issue 7): throughput ratio ≥ 0.7 on a 256 MiB
 * stream; peak RSS ≤ 300 MB. Exits 1 if a target is missed. Not part of `npm test`.
 */
import { execFile } from 'node:child_process'
import { createHash, randomFillSync } from 'node:crypto'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { computeCid, hashArtifact, resolveImportSettings } from '../src/cid/index.js'
import { availableSha256Engines, sha256Engine } from '../src/cid/sha256.js'
import { UnixfsFileHasher } from '../src/cid/unixfs-file-hasher.js'

const MiB = 1_048_576
const STREAM_BYTES = 256 * MiB
const STREAM_CHUNK = 64 * 1024 // what a Node.js file stream yields
const FILE_BYTES = 1024 * MiB
const ROUNDS = 3
const TARGET_RATIO = 0.7
const TARGET_RSS = 300 * 1_000_000

/** 256 MiB in 64 KiB chunks, cut from a 16 MiB random pool at shifting offsets. */
const pool = randomFillSync(new Uint8Array(16 * MiB + STREAM_CHUNK))
function* stream(): Generator<Uint8Array> {
  for (let offset = 0, i = 0; offset < STREAM_BYTES; offset += STREAM_CHUNK, i++) {
    const start = (i * 4099) % (pool.byteLength - STREAM_CHUNK)
    yield pool.subarray(start, start + STREAM_CHUNK)
  }
}

type Contender = { name: string; run: () => Promise<unknown> }

const webcrypto = availableSha256Engines().find(({ name }) => name === 'webcrypto')
const contenders: Contender[] = [
  {
    name: 'sha256 (node:crypto createHash)',
    run: async () => {
      const hash = createHash('sha256')
      for (const chunk of stream()) hash.update(chunk)
      return hash.digest()
    },
  },
  { name: `computeCid unixfs-v1-2025 (${sha256Engine.name})`, run: () => computeCid(stream()) },
  {
    name: `computeCid unixfs-v0-2015 (${sha256Engine.name})`,
    run: () => computeCid(stream(), { profile: 'unixfs-v0-2015' }),
  },
  ...(webcrypto
    ? [
        {
          name: 'computeCid unixfs-v1-2025 (webcrypto, as browsers)',
          run: async () => {
            const hasher = new UnixfsFileHasher(resolveImportSettings(), { engine: webcrypto })
            for (const chunk of stream()) await hasher.write(chunk)
            return hasher.finish()
          },
        },
      ]
    : []),
  { name: 'hashArtifact: CID + fingerprint', run: () => hashArtifact(stream()) },
]

async function throughput(): Promise<boolean> {
  const seconds = new Map<string, number[]>(contenders.map(({ name }) => [name, []]))
  for (let round = 0; round <= ROUNDS; round++)
    for (const { name, run } of contenders) {
      const started = performance.now()
      await run()
      // Round 0 warms up the JIT and the allocator.
      if (round > 0) seconds.get(name)?.push((performance.now() - started) / 1000)
    }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0
  const speed = (name: string) => STREAM_BYTES / MiB / median(seconds.get(name) ?? [])
  const baseline = speed(contenders[0]?.name ?? '')
  console.log(
    `computeCid throughput: ${STREAM_BYTES / MiB} MiB stream in ${STREAM_CHUNK / 1024} KiB chunks, median of ${ROUNDS}\n`,
  )
  const rows = contenders.map(({ name }) => [
    name,
    speed(name).toFixed(0),
    (speed(name) / baseline).toFixed(2),
  ])
  printTable(['', 'MiB/s', 'vs sha256'], rows)
  const ratio = speed(contenders[1]?.name ?? '') / baseline
  const met = ratio >= TARGET_RATIO
  console.log(
    `\n  ratio computeCid / sha256 = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}) ${met ? 'ok' : 'MISSED'}\n`,
  )
  return met
}

/** `daimm cid --json` on a 1 GiB file, in a process of its own, reporting its peak RSS. */
async function peakMemory(): Promise<boolean> {
  const directory = await mkdtemp(join(tmpdir(), 'daimm-bench-'))
  try {
    const file = join(directory, 'model-1gib.bin')
    const handle = await open(file, 'w')
    const block = new Uint8Array(MiB)
    for (let written = 0; written < FILE_BYTES; written += MiB)
      await handle.write(randomFillSync(block))
    await handle.close()

    const runner = join(directory, 'daimm-cid-rss.mjs')
    await build({
      stdin: {
        contents: `import { runCli } from './src/cli/dispatch.ts'
const started = performance.now()
const code = await runCli(process.argv.slice(2), process)
console.error(JSON.stringify({ code, seconds: (performance.now() - started) / 1000, maxRss: process.resourceUsage().maxRSS * 1024 }))`,
        resolveDir: join(dirname(fileURLToPath(import.meta.url)), '..'),
        loader: 'ts',
      },
      outfile: runner,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    })
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      runner,
      'cid',
      file,
      '--json',
    ])
    const report = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as {
      code: number
      seconds: number
      maxRss: number
    }
    const met = report.code === 0 && report.maxRss <= TARGET_RSS
    console.log('daimm cid --json on a 1 GiB file from disk (CID + fingerprint, one read)\n')
    console.log(
      [
        `  peak RSS  ${(report.maxRss / 1_000_000).toFixed(0)} MB (target ≤ ${TARGET_RSS / 1_000_000} MB) ${met ? 'ok' : 'MISSED'}`,
        `  time      ${report.seconds.toFixed(2)} s (${(FILE_BYTES / MiB / report.seconds).toFixed(0)} MiB/s)`,
        `  output    ${stdout.trim()}`,
      ].join('\n'),
    )
    return met
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

/** Columns after the first are numbers, aligned right. */
function printTable(header: string[], rows: string[][]) {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`
  console.log([line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n'))
}

const fast = await throughput()
const lean = await peakMemory()
process.exitCode = fast && lean ? 0 : 1
