import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cidProfiles, resolveImportSettings } from '../../src/cid/index.js'
import { pseudoRandomBytes } from '../support/bytes.js'
import { bundleCli } from '../support/cli.js'
import { importerCid } from '../support/importer.js'

let daimm: Awaited<ReturnType<typeof bundleCli>>['run']
let daimmInTerminal: Awaited<ReturnType<typeof bundleCli>>['runInTerminal']
let removeCli: () => Promise<void>

let directory: string
const files: Record<string, string> = {}
const contents: Record<string, Uint8Array> = {}
const tiny = { cidVersion: 1, rawLeaves: false, chunkSize: 1024, maxChildrenPerNode: 4 } as const

beforeAll(async () => {
  const cli = await bundleCli()
  daimm = cli.run
  daimmInTerminal = cli.runInTerminal
  removeCli = cli.remove
  directory = await mkdtemp(join(tmpdir(), 'daimm-cli-'))
  const sizes = {
    empty: 0,
    'one byte': 1,
    'one chunk': 262_144,
    'chunk boundary + 1': 262_145,
    'two levels (v0)': 174 * 262_144 + 1,
    'three levels (tiny)': 17 * 1024 + 3,
  }
  for (const [name, size] of Object.entries(sizes)) {
    contents[name] = pseudoRandomBytes(size, size + 5)
    files[name] = join(directory, `${name.replace(/\W+/g, '-')}.bin`)
    await writeFile(files[name], contents[name])
  }
}, 60_000)
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
  await removeCli()
})

describe('daimm cid', () => {
  const settings = {
    'unixfs-v1-2025': { args: [], settings: cidProfiles['unixfs-v1-2025'] },
    'unixfs-v0-2015': {
      args: ['--profile', 'unixfs-v0-2015'],
      settings: cidProfiles['unixfs-v0-2015'],
    },
    'classic --cid-version 1': {
      args: [
        '--cid-version',
        '1',
        '--raw-leaves',
        '--chunk-size',
        '262144',
        '--max-children',
        '174',
      ],
      settings: resolveImportSettings({
        cidVersion: 1,
        rawLeaves: true,
        chunkSize: 262_144,
        maxChildrenPerNode: 174,
      }),
    },
    'tiny, dag-pb leaves': {
      args: ['--no-raw-leaves', '--chunk-size', '1024', '--max-children', '4'],
      settings: resolveImportSettings(tiny),
    },
  }

  test.each(Object.entries(settings))(
    'prints the importer’s CIDs as JSON with %s',
    { timeout: 60_000 },
    async (_, { args, settings }) => {
      const names = Object.keys(files).filter(
        (name) => name !== 'two levels (v0)' || settings.chunkSize === 262_144,
      )
      const runs = await Promise.all(
        names.map((name) => daimm('cid', files[name] ?? '', ...args, '--json')),
      )
      for (const [i, name] of names.entries()) {
        const run = runs[i]
        const bytes = contents[name] ?? new Uint8Array()
        expect(run?.stderr, name).toBe('')
        expect(run?.code, name).toBe(0)
        expect(JSON.parse(run?.stdout ?? '')).toEqual({
          cid: (await importerCid(bytes, settings)).toString(),
          fingerprint: `0x${createHash('sha256').update(bytes).digest('hex')}`,
          size: bytes.byteLength,
        })
        expect(Object.keys(JSON.parse(run?.stdout ?? ''))).toEqual(['cid', 'fingerprint', 'size'])
      }
    },
  )

  test('prints a readable summary by default, and no progress bar when stderr is not a terminal', async () => {
    const { code, stdout, stderr } = await daimm('cid', files['two levels (v0)'] ?? '')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(
      /^.*two-levels-v0-\.bin\n {2}CID {10}bafybei\w+\n {2}fingerprint {2}0x[0-9a-f]{64}\n/,
    )
    expect(stdout).toMatch(/ {2}size {9}45,613,057 bytes \(43\.5 MiB\)\n/)
    expect(stdout).toMatch(
      / {2}settings {5}unixfs-v1-2025 \(CIDv1, raw leaves, 1 MiB chunks, 1024 links per node\)\n$/,
    )
  })

  test.skipIf(!existsSync('/usr/bin/script'))(
    'draws a progress bar on a terminal for a large file, then clears it',
    async () => {
      const { code, stdout } = await daimmInTerminal('cid', files['two levels (v0)'] ?? '')
      expect(code).toBe(0)
      expect(stdout).toMatch(/\rhashing two-levels-v0-\.bin █*░* +\d+%/)
      expect(stdout).toMatch(/100% {2}43\.5 MiB \/ 43\.5 MiB/)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's erase-line code
      expect(stdout).toMatch(/\r\x1b\[K[^\r]*two-levels-v0-\.bin\r?\n {2}CID/)
    },
  )

  test.each([
    [
      'no file',
      ['cid'],
      2,
      /^daimm cid: daimm cid needs a file\.\n\nUsage: daimm cid <file> \[options\]\n$/,
    ],
    ['two files', ['cid', 'a', 'b'], 2, /takes one file, but got 2: a b\./],
    [
      'an unknown flag',
      ['cid', 'x', '--frob'],
      2,
      /^daimm cid: Unknown option --frob\.\n\nRun `daimm cid --help` for its options\.\n$/,
    ],
    [
      'a flag without its value',
      ['cid', 'x', '--chunk-size'],
      2,
      /Option --chunk-size needs a value/,
    ],
    [
      'a non-numeric chunk size',
      ['cid', 'x', '--chunk-size', '1k'],
      2,
      /--chunk-size takes a whole number, not "1k"\.\n\nFor example: --chunk-size 262144/,
    ],
    [
      'a zero chunk size',
      ['cid', 'x', '--chunk-size', '0'],
      2,
      /Invalid CID import option --chunk-size: 0\. Expected a whole number of bytes/,
    ],
    [
      'one link per node',
      ['cid', 'x', '--max-children', '1'],
      2,
      /--max-children: 1\. Expected a whole number of at least 2/,
    ],
    [
      'an unknown profile',
      ['cid', 'x', '--profile', 'v2'],
      2,
      /Unknown profile "v2"\.\n\nUse --profile unixfs-v1-2025 or --profile unixfs-v0-2015\./,
    ],
    [
      'a bad CID version',
      ['cid', 'x', '--cid-version', '2'],
      2,
      /--cid-version is 0 or 1, not "2"/,
    ],
    [
      'both leaf flags',
      ['cid', 'x', '--raw-leaves', '--no-raw-leaves'],
      2,
      /contradict each other/,
    ],
    [
      'an unknown command',
      ['cdi', 'x'],
      2,
      /^daimm: Unknown command "cdi"\.\n\nDid you mean cid\?/,
    ],
  ])('exits non-zero with a clear message for %s', async (_, args, exitCode, message) => {
    const { code, stdout, stderr } = await daimm(...args)
    expect(code).toBe(exitCode)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
  })

  test('explains a missing file and a directory', async () => {
    const missing = join(directory, 'missing.onnx')
    const run = await daimm('cid', missing, '--json')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(`daimm cid: No such file: ${missing}.\n\nCheck the path`)
    const dir = await daimm('cid', directory)
    expect(dir.code).toBe(1)
    expect(dir.stderr).toMatch(`daimm cid: ${directory} is a directory, not a file.`)
  })

  test('shows help and the command list', async () => {
    const help = await daimm('cid', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: daimm cid <file> \[options\]/)
    expect(help.stdout).toMatch(/--max-children <n>/)
    const overview = await daimm('--help')
    expect(overview.stdout).toMatch(/Commands:\n {2}cid {2,}Compute a file's IPFS CID/)
    const version = await daimm('--version')
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})
