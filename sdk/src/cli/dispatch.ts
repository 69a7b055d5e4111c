import packageJson from '../../package.json' with { type: 'json' }
import { DaimmError } from '../errors.js'
import { type CliIo, CliUsageError, type Command, type CommandEntry, ExitCode } from './command.js'
import { commands as allCommands } from './commands/index.js'

/**
 * Runs `daimm <command> [args]`: finds the command, runs it, and prints its errors — a DAIMM
 * error by its message, anything else with its stack, as a bug. Resolves to the exit code.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process)
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandEntry[] = allCommands,
): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const entry = name === 'help' ? commands.find((c) => c.name === args[0]) : undefined
    io.stdout.write(entry ? (await loadCommand(entry)).help : overview(commands))
    return ExitCode.ok
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${packageJson.version}\n`)
    return ExitCode.ok
  }
  const entry = commands.find((c) => c.name === name)
  let command: Command | undefined
  try {
    if (!entry) throw unknownCommand(name, commands)
    // No contract errors' words here: they (and viem, and the ABIs) load with `createDaimmClient`,
    // which every on-chain command connects through, so offline commands start fast.
    command = await loadCommand(entry)
    return await command.run(args, io)
  } catch (error) {
    const prefix = entry ? `daimm ${entry.name}` : 'daimm'
    if (error instanceof DaimmError) {
      io.stderr.write(`${prefix}: ${error.message}\n`)
      return error instanceof CliUsageError ? ExitCode.usage : ExitCode.failed
    }
    io.stderr.write(
      `${prefix}: unexpected error, please report it with the command you ran:\n${(error as Error)?.stack ?? String(error)}\n`,
    )
    return ExitCode.failed
  }
}

/** The command itself: a lazy entry's module is loaded now. */
export function loadCommand(entry: CommandEntry): Promise<Command> {
  return 'load' in entry ? entry.load() : Promise.resolve(entry)
}

function overview(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: daimm <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `daimm <command> --help` for a command’s options, `daimm --version` for the version.',
    '',
  ].join('\n')
}

function unknownCommand(name: string, commands: readonly CommandEntry[]): CliUsageError {
  const close = commands.filter((c) => editDistance(c.name, name) <= 2).map((c) => c.name)
  return new CliUsageError(`Unknown command ${JSON.stringify(name)}.`, {
    fix: `${close.length ? `Did you mean ${close.join(' or ')}? ` : ''}Commands: ${commands.map((c) => c.name).join(', ')}.`,
  })
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    previous = current
  }
  return previous[b.length] ?? 0
}
