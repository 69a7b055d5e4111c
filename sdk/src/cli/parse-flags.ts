import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CliUsageError } from './command.js'

export type Options = NonNullable<ParseArgsConfig['options']>

/** What `parseFlags` returns for `options`. */
export type ParsedFlags<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>

/**
 * `util.parseArgs` for a command, with its errors rephrased as `CliUsageError`s that name the
 * command and point at its help.
 */
export function parseFlags<const T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
): ParsedFlags<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true })
  } catch (error) {
    const code = (error as { code?: string }).code
    const message = (error as Error).message
    const help = `Run \`daimm ${command} --help\` for its options.`
    const flag = /'(-[^' ]+)/.exec(message)?.[1]
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new CliUsageError(`Unknown option ${flag ?? message}.`, { fix: help })
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new CliUsageError(
        /argument missing/.test(message)
          ? `Option ${flag} needs a value, as in \`${flag} <value>\`.`
          : `Option ${flag} takes no value.`,
        { fix: help },
      )
    throw new CliUsageError(message, { fix: help })
  }
}

/** A flag's value as a whole number, or a usage error showing an example. */
export function parseWholeNumber(flag: string, value: string, example: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new CliUsageError(`${flag} takes a whole number, not ${JSON.stringify(value)}.`, {
      fix: `For example: ${flag} ${example}`,
    })
  return Number(value)
}
