import { resolve } from 'node:path'
import { fetchLicensedModel } from '../../licensing/fetch-licensed-model.js'
import { createKuboStore } from '../../storage/kubo.js'
import type { ContentReader } from '../../storage/types.js'
import { type ChainIo, chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  chainCommand,
  formatRows,
  onePositional,
  outputHelp,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { contentHelp, contentReaderOf } from '../content.js'
import { formatBytes } from '../format.js'
import { apiHelp, apiUrlOf } from './licensed-api.js'

const usage =
  'daimm fetch <modelId> --out <file> [--api <url>] [--store <dir> | --gateway <url> | --kubo <url>]'

const help = `Usage: ${usage}

Downloads a licensed, encrypted model: signs a request as your account, receives the model's
content key from the DAIMM gateway wrapped to a fresh key pair (only a license holder gets it),
reads the ciphertext by its CID (verified), decrypts it while streaming, and writes the file only
once its SHA-256 is the model id. Without a valid license, it exits with the gateway's reason (no
license, license expired, model flagged…). See docs/licensing.md.

Arguments:
  <modelId>              the model (0x + 64 hex digits, or its decimal token id)

Options:
  --out <file>           where to write the model (required)
${apiHelp}
${contentHelp}
  --kubo <url>           a Kubo node's RPC API, e.g. http://127.0.0.1:5001
                         (none of these: the ciphertext is downloaded from the gateway --api)
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm fetch 0x5f1c…e9 --out model.onnx --api https://gateway.example --gateway https://ipfs.io
`

export const fetchCommand = chainCommand({
  name: 'fetch',
  summary: 'Download a licensed model: key from the gateway, decrypt, check against its id',
  help,
  options: {
    ...signerOptions,
    out: { type: 'string' },
    api: { type: 'string' },
    store: { type: 'string' },
    gateway: { type: 'string' },
    kubo: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const modelId = parseModelId(
      '<modelId>',
      onePositional('fetch', positionals, 'a model id', usage),
    )
    if (!values.out)
      throw new CliUsageError('daimm fetch needs --out <file>: where to write the model.')
    const env = (io as ChainIo).env ?? process.env
    const gatewayUrl = apiUrlOf(values.api, env, 'fetch')
    // Without a place to read from, the gateway serves the ciphertext itself.
    const reader: ContentReader | undefined = values.kubo
      ? createKuboStore({ url: values.kubo })
      : values.store !== undefined || values.gateway !== undefined
        ? contentReaderOf(values, io, 'fetch')
        : undefined
    const { account, chainId } = await connectChain(values, io, { command: 'fetch', signer: true })
    const result = await fetchLicensedModel({
      gatewayUrl,
      signer: account,
      chainId,
      modelId,
      reader,
      out: resolve(values.out),
    })
    if (values.json) {
      writeJson(io, { modelId, ...result })
      return ExitCode.ok
    }
    io.stdout.write(
      `Fetched model ${modelId}\n${formatRows([
        ['file', result.path],
        ['size', formatBytes(result.size)],
        ['sha-256', `${result.fingerprint} (= the model id)`],
        ['artifact', result.artifactCid],
      ])}\n`,
    )
    return ExitCode.ok
  },
})
