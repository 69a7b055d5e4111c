import { readFile } from 'node:fs/promises'
import { inferModel, type WireTensor } from '../../licensing/infer-model.js'
import { type ChainIo, chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  chainCommand,
  onePositional,
  outputHelp,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { apiHelp, apiUrlOf } from './licensed-api.js'

const usage = 'daimm infer <modelId> --input <json> [--api <url>]'

const help = `Usage: ${usage}

Runs a licensed model on the DAIMM gateway that holds its key (a signed request: only a license
holder is served), with the runtime evaluation uses, and prints the outputs. See docs/licensing.md.

The input is JSON, inline or @file: {"<input name>": {"type": "float32", "dims": [1, 4],
"data": [5.8, 2.7, 5.1, 1.9]}}, or a bare array of numbers for a model with one float32 input
(one sample: dims [1, n]).

Options:
  --input <json>         the inputs, or @path to a JSON file (required)
${apiHelp}
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm infer 0x5f1c…e9 --input '[5.8, 2.7, 5.1, 1.9]' --api https://gateway.example
`

export const inferCommand = chainCommand({
  name: 'infer',
  summary: 'Run a licensed model on its gateway: JSON tensors in, outputs out',
  help,
  options: { ...signerOptions, input: { type: 'string' }, api: { type: 'string' } },
  async run({ values, positionals }, io) {
    const modelId = parseModelId(
      '<modelId>',
      onePositional('infer', positionals, 'a model id', usage),
    )
    if (!values.input)
      throw new CliUsageError('daimm infer needs --input <json>: the model inputs.')
    const env = (io as ChainIo).env ?? process.env
    const gatewayUrl = apiUrlOf(values.api, env, 'infer')
    const text = values.input.startsWith('@')
      ? await readFile(values.input.slice(1), 'utf8')
      : values.input
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (cause) {
      throw new CliUsageError(`--input is not JSON: ${(cause as Error).message}.`)
    }
    const { account, chainId } = await connectChain(values, io, { command: 'infer', signer: true })
    const inputs = Array.isArray(parsed)
      ? singleInput(parsed)
      : (parsed as Record<string, WireTensor>)
    const result = await inferModel({ gatewayUrl, signer: account, chainId, modelId, inputs })
    if (values.json) {
      writeJson(io, result)
      return ExitCode.ok
    }
    for (const [name, tensor] of Object.entries(result.outputs))
      io.stdout.write(
        `${name} [${tensor.dims.join(', ')}] ${tensor.type}: ${JSON.stringify(tensor.data)}\n`,
      )
    io.stdout.write(`${result.runtime}, ${result.latencyMs.toFixed(1)} ms\n`)
    return ExitCode.ok
  },
})

/** A bare array: one float32 sample for a model's only input (the gateway names it: ""). */
function singleInput(data: unknown[]): Record<string, WireTensor> {
  if (!data.every((v) => typeof v === 'number'))
    throw new CliUsageError('--input as an array holds numbers only.')
  return { '': { type: 'float32', dims: [1, data.length], data: data as number[] } }
}
