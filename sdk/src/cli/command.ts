import { DaimmError } from '../errors.js'

/** Where a command writes: the process's streams, or fakes in tests. */
export type CliIo = {
  stdout: { write(text: string): unknown }
  stderr: {
    write(text: string): unknown
    isTTY?: boolean | undefined
    columns?: number | undefined
  }
}

/**
 * One `daimm` command, in its own file under `commands/` and listed in `commands/index.ts`.
 * `run` gets the arguments after the command's name, and resolves to the exit code.
 */
export type Command = {
  name: string
  /** One line for `daimm --help`. */
  summary: string
  /** The full text of `daimm <name> --help`. */
  help: string
  run(args: readonly string[], io: CliIo): Promise<number>
}

/**
 * A command known by its name and summary, its module loaded only when it runs (or shows its
 * help): `daimm --help` and `daimm --version` load no command at all.
 */
export type LazyCommand = {
  name: string
  summary: string
  load(): Promise<Command>
}

/** What `daimm` dispatches to: a command, or one loaded when needed. */
export type CommandEntry = Command | LazyCommand

/** Exit codes: 0 done, 1 failed, 2 used wrongly (a bad flag or argument). */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const

/** The command line was wrong; the message says what and how to write it. Exits with 2. */
export class CliUsageError extends DaimmError {
  override name = 'CliUsageError'

  constructor(shortMessage: string, { fix }: { fix?: string | undefined } = {}) {
    super(shortMessage, { metaMessages: fix ? [fix] : undefined })
  }
}
