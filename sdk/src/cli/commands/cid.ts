import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { FileReadError } from '../../cid/errors.js'
import { hashArtifactFile } from '../../cid/file.js'
import {
  type CidProfile,
  cidProfiles,
  describeImportSettings,
  type ImportSettingsOptions,
  resolveImportSettings,
} from '../../cid/import-settings.js'
import { CliUsageError, type Command, ExitCode } from '../command.js'
import { formatBytes } from '../format.js'
import { parseFlags, parseWholeNumber } from '../parse-flags.js'
import { ProgressBar } from '../progress.js'

/** Files from this size up get a progress bar (on a terminal). */
const PROGRESS_FROM_BYTES = 32 * 1_048_576

const profiles = Object.keys(cidProfiles) as CidProfile[]

const help = `Usage: daimm cid <file> [options]

Computes a file's IPFS CID (exactly as \`ipfs add\` would, without adding it), its fingerprint
(the SHA-256 model id) and its size. The file is read once, in constant memory.

Options:
  --profile <name>       ${profiles.join(' or ')} (default ${profiles[0]})
                           unixfs-v1-2025: CIDv1, raw leaves, 1 MiB chunks, 1024 links per node
                           unixfs-v0-2015: CIDv0 of a plain \`ipfs add\`: 256 KiB, 174 links
  --cid-version <0|1>    override the profile's CID version
  --raw-leaves           leaves as raw blocks
  --no-raw-leaves        leaves as UnixFS nodes
  --chunk-size <bytes>   override the chunk size (profiles: 1048576, 262144)
  --max-children <n>     override the links per node (profiles: 1024, 174)
  --json                 print {"cid": …, "fingerprint": "0x…", "size": …} on one line
  -h, --help             show this help

Examples:
  daimm cid model.onnx
  daimm cid model.onnx --profile unixfs-v0-2015
  daimm cid model.onnx --cid-version 1 --raw-leaves --chunk-size 262144 --max-children 174
`

/** Flag names of the import settings, for errors about their values. */
const flagOf: Record<string, string> = {
  profile: '--profile',
  cidVersion: '--cid-version',
  rawLeaves: '--raw-leaves',
  chunkSize: '--chunk-size',
  maxChildrenPerNode: '--max-children',
}

export const cidCommand: Command = {
  name: 'cid',
  summary: "Compute a file's IPFS CID, fingerprint (model id) and size",
  help,
  async run(args, io) {
    const { values, positionals } = parseFlags('cid', args, {
      profile: { type: 'string' },
      'cid-version': { type: 'string' },
      'raw-leaves': { type: 'boolean' },
      'no-raw-leaves': { type: 'boolean' },
      'chunk-size': { type: 'string' },
      'max-children': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    })
    if (values.help) {
      io.stdout.write(help)
      return ExitCode.ok
    }
    const path = filePath(positionals)
    const options = importOptions(values)

    const { size: fileSize } = await stat(path).catch((cause: unknown) => {
      throw new FileReadError({ path, cause })
    })
    const bar = new ProgressBar(io.stderr, { label: `hashing ${basename(path)}`, total: fileSize })
    const showProgress = bar.enabled && fileSize >= PROGRESS_FROM_BYTES
    let artifact: Awaited<ReturnType<typeof hashArtifactFile>>
    try {
      artifact = await hashArtifactFile(path, {
        ...options,
        onProgress: showProgress ? (done) => bar.update(done) : undefined,
      })
    } finally {
      bar.done()
    }

    const { cid, fingerprint, size } = artifact
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ cid: cid.toString(), fingerprint, size })}\n`)
      return ExitCode.ok
    }
    const rows = [
      ['CID', cid.toString()],
      ['fingerprint', fingerprint],
      ['size', `${size.toLocaleString('en-US')} bytes (${formatBytes(size)})`],
      ['settings', describeImportSettings(resolveImportSettings(options))],
    ]
    io.stdout.write(
      `${path}\n${rows.map(([name, value]) => `  ${name?.padEnd(12)} ${value}`).join('\n')}\n`,
    )
    return ExitCode.ok
  },
}

function filePath(positionals: readonly string[]): string {
  const [path, ...extra] = positionals
  if (path === undefined)
    throw new CliUsageError('daimm cid needs a file.', { fix: 'Usage: daimm cid <file> [options]' })
  if (extra.length > 0)
    throw new CliUsageError(
      `daimm cid takes one file, but got ${positionals.length}: ${positionals.join(' ')}.`,
      {
        fix: 'Hash the files one at a time, e.g. `for f in *.onnx; do daimm cid "$f"; done`.',
      },
    )
  return path
}

function importOptions(values: {
  profile?: string | undefined
  'cid-version'?: string | undefined
  'raw-leaves'?: boolean | undefined
  'no-raw-leaves'?: boolean | undefined
  'chunk-size'?: string | undefined
  'max-children'?: string | undefined
}): ImportSettingsOptions {
  if (values['raw-leaves'] && values['no-raw-leaves'])
    throw new CliUsageError('--raw-leaves and --no-raw-leaves contradict each other.', {
      fix: 'Give one of them, or neither to keep the profile’s choice.',
    })
  if (values.profile !== undefined && !profiles.includes(values.profile as CidProfile))
    throw new CliUsageError(`Unknown profile ${JSON.stringify(values.profile)}.`, {
      fix: `Use --profile ${profiles.join(' or --profile ')}.`,
    })
  const cidVersion = values['cid-version']
  if (cidVersion !== undefined && cidVersion !== '0' && cidVersion !== '1')
    throw new CliUsageError(`--cid-version is 0 or 1, not ${JSON.stringify(cidVersion)}.`, {
      fix: 'For example: --cid-version 1',
    })
  const options: ImportSettingsOptions = {
    profile: values.profile as CidProfile | undefined,
    cidVersion: cidVersion === undefined ? undefined : cidVersion === '1' ? 1 : 0,
    rawLeaves: values['raw-leaves'] ? true : values['no-raw-leaves'] ? false : undefined,
    chunkSize:
      values['chunk-size'] === undefined
        ? undefined
        : parseWholeNumber('--chunk-size', values['chunk-size'], '262144'),
    maxChildrenPerNode:
      values['max-children'] === undefined
        ? undefined
        : parseWholeNumber('--max-children', values['max-children'], '174'),
  }
  try {
    resolveImportSettings(options)
  } catch (error) {
    const option = (error as { option?: string }).option
    if (option && flagOf[option])
      throw new CliUsageError(
        (error as Error).message.replace(`option ${option}`, `option ${flagOf[option]}`),
      )
    throw error
  }
  return options
}
