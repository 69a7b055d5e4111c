/**
 * What the on-chain `daimm` commands share beyond their flags: one-line failures (the stack only
 * with `--debug`), JSON and human output, and parsers for ids, addresses and amounts.
 */
import {
  type Address,
  getAddress,
  type Hex,
  isAddress,
  parseUnits,
  toHex,
  BaseError as ViemBaseError,
} from 'viem'
import type { Model, ModelId } from '../actions/registry/types.js'
import type { DaimmClient } from '../client.js'
import { DaimmError } from '../errors.js'
import { chainOptions } from './chain.js'
import { type CliIo, CliUsageError, type Command, ExitCode } from './command.js'
import { redactSecrets } from './keys.js'
import { type Options, type ParsedFlags, parseFlags } from './parse-flags.js'

/** Output flags of every on-chain command. */
export const outputOptions = {
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

export const outputHelp = `  --json                 print the result as one line of JSON (amounts in wei, times in seconds, as strings)
  --debug                on failure, print the stack trace too
  -h, --help             show this help`

/**
 * An on-chain `daimm` command: parses the connection (`--rpc`, `--chain`, `--deployment`) and
 * output flags with the command's own `options` (spread `signerOptions` in to send transactions),
 * prints `help` for `--help`, and reports whatever `run` throws in one line (`runReporting`).
 */
export function chainCommand<const O extends Options>(spec: {
  name: string
  summary: string
  help: string
  options: O
  run(
    flags: ParsedFlags<typeof chainOptions & typeof outputOptions & O>,
    io: CliIo,
  ): Promise<number>
}): Command {
  const { name, summary, help, options, run } = spec
  return {
    name,
    summary,
    help,
    run: (args, io) =>
      runReporting(args, io, async () => {
        const flags = parseFlags(name, args, { ...chainOptions, ...outputOptions, ...options })
        // `help` is among `outputOptions`; TypeScript cannot see it through the generic `O`.
        if ((flags.values as { help?: boolean }).help) {
          io.stdout.write(help)
          return ExitCode.ok
        }
        return run(flags, io)
      }),
  }
}

/** A command failed; its message is what went wrong, then how to fix it. Exits with 1. */
export class CliFailure extends DaimmError {
  override name = 'CliFailure'
}

/**
 * Runs a command's body and turns whatever it throws into a short failure: the reason on the
 * first line, then any hints. Library details (a node's full reply, viem's call dump) and the
 * stack are printed only with `--debug`. Keys and passwords are redacted from both.
 */
export async function runReporting(
  args: readonly string[],
  io: CliIo,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body()
  } catch (error) {
    if (args.includes('--debug')) io.stderr.write(`${redactSecrets(stackTrace(error))}\n`)
    throw toCliFailure(error)
  }
}

/** The short form of any error, as `runReporting` prints it. */
export function toCliFailure(error: unknown): DaimmError {
  if (error instanceof CliUsageError) return error
  const redacted = (text: string) => redactSecrets(text)
  if (error instanceof DaimmError) {
    const details = error.details?.trim()
    const shortDetails =
      details && !details.includes('\n') && details.length <= 200 ? details : undefined
    return new CliFailure(redacted(error.shortMessage), {
      metaMessages: error.metaMessages?.map(redacted),
      details: shortDetails && redacted(shortDetails),
    })
  }
  if (error instanceof ViemBaseError) {
    const details = error.details?.split('\n')[0]?.trim()
    return new CliFailure(
      redacted(
        `${error.shortMessage.replace(/\.$/, '')}${details && details.length <= 200 ? ` (${details})` : ''}.`,
      ),
      { metaMessages: ['Run again with --debug for the node’s full answer.'] },
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return new CliFailure(redacted(message.split('\n')[0] ?? 'unknown error'), {
    metaMessages: [
      'This looks like a bug: run again with --debug for the stack trace, and report it with the command you ran.',
    ],
  })
}

/** An error and its causes, each with its stack, for `--debug`. */
export function stackTrace(error: unknown): string {
  const lines: string[] = []
  for (let cause = error; cause !== undefined; cause = (cause as Error).cause) {
    lines.push(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause))
    if (!(cause instanceof Error)) break
  }
  return lines.join('\nCaused by: ')
}

/**
 * JSON text with bigints as decimal strings (amounts in base units, times in seconds since the
 * epoch, as the SDK has them); indented by `space`.
 */
export function jsonText(value: unknown, space?: number): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), space)
}

/** Writes one line of JSON: bigints (amounts, times in seconds) as decimal strings. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${jsonText(value)}\n`)
}

/** Rows of `label  value`, indented by two spaces, labels padded to one width. */
export function formatRows(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')
}

/** A note for a person on stderr (what is happening, what to do next); none with `--json`. */
export function note(io: CliIo, json: boolean | undefined, text: string): void {
  if (!json) io.stderr.write(`${text}\n`)
}

/** `0x1234…abcd`: an address or id short enough for a table. */
export function shortHex(hex: string): string {
  return hex.length > 14 ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : hex
}

/** A date (or chain time: seconds since the epoch) as `2025-01-31 14:05:09 UTC`. */
export function formatDate(date: Date | bigint): string {
  const at = typeof date === 'bigint' ? new Date(Number(date) * 1000) : date
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** A registered model, or a failure saying that nothing is registered under `id`. */
export async function existingModel(daimm: DaimmClient, id: ModelId): Promise<Model> {
  const model = await daimm.registry.getModel({ id })
  if (!model)
    throw new CliFailure(
      `No model is registered under id ${typeof id === 'bigint' ? `0x${id.toString(16).padStart(64, '0')}` : id}.`,
    )
  return model
}

/** The one positional argument a command takes, or a usage error. */
export function onePositional(
  command: string,
  positionals: readonly string[],
  what: string,
  usage: string,
): string {
  const [value, ...extra] = positionals
  if (value === undefined)
    throw new CliUsageError(`daimm ${command} needs ${what}.`, { fix: `Usage: ${usage}` })
  if (extra.length > 0)
    throw new CliUsageError(
      `daimm ${command} takes one ${what.replace(/^(a|an) /, '')}, but got ${positionals.length}: ${positionals.join(' ')}.`,
      { fix: `Usage: ${usage}` },
    )
  return value
}

/** No positional argument, or a usage error naming the stray one. */
export function noPositionals(command: string, positionals: readonly string[], usage: string) {
  if (positionals.length > 0)
    throw new CliUsageError(
      `daimm ${command} takes no argument, but got ${positionals.join(' ')}.`,
      { fix: `Usage: ${usage}` },
    )
}

/**
 * A decimal amount of a token (`1000`, `0.25`) in its base units; `what` names the flag or
 * argument in the error.
 */
export function parseAmount(what: string, text: string, decimals = 18, example = '1000'): bigint {
  const clean = text.trim().replaceAll('_', '')
  if (!/^\d+(\.\d+)?$/.test(clean))
    throw new CliUsageError(`${what} takes a decimal amount, not ${JSON.stringify(text)}.`, {
      fix: `For example: ${example}`,
    })
  const fraction = clean.split('.')[1] ?? ''
  if (fraction.length > decimals)
    throw new CliUsageError(
      `${what} has ${fraction.length} decimals, but the token has ${decimals}.`,
      { fix: `For example: ${example}` },
    )
  return parseUnits(clean, decimals)
}

/** A model id: `0x` and 64 hex digits (the fingerprint), or the token id in decimal. */
export function parseModelId(what: string, text: string): Hex {
  const clean = text.trim()
  if (/^0x[0-9a-fA-F]{64}$/.test(clean)) return clean.toLowerCase() as Hex
  if (/^\d+$/.test(clean) && BigInt(clean) < 2n ** 256n) return toHex(BigInt(clean), { size: 32 })
  throw new CliUsageError(
    `${what} takes a model id (0x and 64 hex digits, the file's SHA-256), not ${JSON.stringify(text)}.`,
    { fix: '`daimm cid <file>` prints a file’s fingerprint; `daimm models` lists registered ids.' },
  )
}

/** An address (checksummed when mixed-case). */
export function parseAddress(what: string, text: string): Address {
  const clean = text.trim()
  if (!isAddress(clean, { strict: false }))
    throw new CliUsageError(
      `${what} takes an address (0x and 40 hex digits), not ${JSON.stringify(text)}.`,
    )
  return getAddress(clean)
}

/** A whole-number id (round, offer). */
export function parseId(what: string, text: string, example: string): bigint {
  if (!/^\d+$/.test(text.trim()))
    throw new CliUsageError(`${what} is a whole number, not ${JSON.stringify(text)}.`, {
      fix: `For example: ${example}`,
    })
  return BigInt(text.trim())
}

/** Seconds in each unit a duration may be written in. */
const durationUnits = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const

/**
 * A duration in seconds: whole seconds (`3600`), or a whole number of a unit: `90s`, `45m`,
 * `12h`, `30d`, `2w`. `what` names the flag in the error.
 */
export function parseDuration(what: string, text: string, example = '30d'): number {
  const match = /^(\d+)\s*([smhdw]?)$/.exec(text.trim().replaceAll('_', ''))
  const seconds = match
    ? Number(match[1]) * durationUnits[(match[2] || 's') as keyof typeof durationUnits]
    : Number.NaN
  if (!Number.isSafeInteger(seconds))
    throw new CliUsageError(
      `${what} takes a duration (whole seconds, or a whole number of s, m, h, d or w), not ${JSON.stringify(text)}.`,
      { fix: `For example: ${what} ${example}` },
    )
  return seconds
}

/**
 * A deadline: a duration from now (as `parseDuration`: `7d`, `12h`, `3600`), or a date in ISO
 * 8601 (`2025-07-01`, `2025-07-01T12:00`, `2025-07-01T12:00:00+02:00`; UTC unless it names a
 * zone). The caller adds `after` to the chain's clock.
 */
export function parseDeadline(what: string, text: string): { after: number } | { at: bigint } {
  const clean = text.trim()
  const date =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
      clean,
    )
  if (!date) {
    if (/^\d+$/.test(clean) && Number(clean) >= 1_000_000_000)
      // Ten digits of seconds is a Unix timestamp, not a wait of 30 years.
      throw new CliUsageError(
        `${what} takes a duration from now or a date, and ${clean} looks like a Unix timestamp.`,
        {
          fix: `Pass the date instead, e.g. ${what} ${new Date(Number(clean) * 1000).toISOString().slice(0, 16)}Z`,
        },
      )
    if (/^\d/.test(clean) && !/^\d{4}-/.test(clean))
      return { after: parseDuration(what, text, '7d') }
    throw new CliUsageError(
      `${what} takes a duration from now (e.g. 7d, 12h) or a date (e.g. 2025-07-01 or 2025-07-01T12:00Z), not ${JSON.stringify(text)}.`,
      { fix: `For example: ${what} 7d` },
    )
  }
  const [, day, time, zone] = date
  const ms = Date.parse(time === undefined ? `${day}T00:00:00Z` : `${day}T${time}${zone ?? 'Z'}`)
  if (Number.isNaN(ms))
    throw new CliUsageError(`${what} is not a real date: ${JSON.stringify(text)}.`, {
      fix: `For example: ${what} 2025-07-01T12:00Z`,
    })
  return { at: BigInt(Math.floor(ms / 1000)) }
}
