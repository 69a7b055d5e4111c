import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { FileReadError } from '../../cid/errors.js'
import { hashArtifactFile } from '../../cid/file.js'
import { type CidProfile, cidProfiles } from '../../cid/import-settings.js'
import { CliFailure, formatRows, onePositional, runReporting, writeJson } from '../chain-command.js'
import { CliUsageError, type Command, ExitCode } from '../command.js'
import { formatBytes } from '../format.js'
import { parseFlags } from '../parse-flags.js'
import { storesOf } from './register.js'

const profiles = Object.keys(cidProfiles) as CidProfile[]

const usage = 'daimm upload <file> (--store <dir> | --kubo <url>) [options]'

const help = `Usage: ${usage}

Puts a file in a content store — a model registered earlier without --store, its model card, a
dataset, license terms — and checks that each store reports the CID computed here. Works offline
with --store; nothing is sent to the chain.

Arguments:
  <file>                 the file to upload

Options:
  --store <dir>          a local content store (as \`daimm register --store\` fills it)
  --kubo <url>           a Kubo node's RPC API, e.g. http://127.0.0.1:5001 (the file is pinned)
  --profile <name>       CID settings: ${profiles.join(' or ')} (default ${profiles[0]}); use the
                           profile the file was registered with
  --json                 print {"cid", "fingerprint", "size", "stored"} on one line
  --debug                on failure, print the stack trace too
  -h, --help             show this help

Examples:
  daimm upload model.onnx --store ~/.daimm/store
  daimm upload card.json --kubo http://127.0.0.1:5001 --json
`

export const uploadCommand: Command = {
  name: 'upload',
  summary: 'Upload a file (a registered model, a card) to a content store or Kubo',
  help,
  run: (args, io) =>
    runReporting(args, io, async () => {
      const { values, positionals } = parseFlags('upload', args, {
        store: { type: 'string' },
        kubo: { type: 'string' },
        profile: { type: 'string' },
        json: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      })
      if (values.help) {
        io.stdout.write(help)
        return ExitCode.ok
      }
      const path = onePositional('upload', positionals, 'a file to upload', usage)
      if (values.profile !== undefined && !profiles.includes(values.profile as CidProfile))
        throw new CliUsageError(`Unknown profile ${JSON.stringify(values.profile)}.`, {
          fix: `Use --profile ${profiles.join(' or --profile ')}.`,
        })
      const profile = values.profile as CidProfile | undefined
      const stores = storesOf(values)
      if (stores.length === 0)
        throw new CliUsageError('daimm upload needs somewhere to put the file.', {
          fix: 'Pass --store <dir> (a local content store), --kubo <url> (a Kubo node), or both.',
        })
      await stat(path).catch((cause: unknown) => {
        throw new FileReadError({ path, cause })
      })
      const { cid, fingerprint, size } = await hashArtifactFile(path, { profile })
      const stored: string[] = []
      for (const { label, store } of stores) {
        const put = await store.put(createReadStream(path), { profile })
        if (!put.cid.equals(cid))
          throw new CliFailure(
            `${label} stored ${path} as ${put.cid}, not ${cid} as computed here.`,
          )
        stored.push(label)
      }
      if (values.json) {
        writeJson(io, { path, cid: cid.toString(), fingerprint, size, stored })
        return ExitCode.ok
      }
      io.stdout.write(
        `Uploaded ${basename(path)}\n${formatRows([
          ['CID', cid.toString()],
          ['fingerprint', fingerprint],
          ['size', formatBytes(size)],
          ['stored in', stored.join(', ')],
        ])}\n`,
      )
      return ExitCode.ok
    }),
}
