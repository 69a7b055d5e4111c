import { existsSync } from 'node:fs'
import { type CliIo, CliUsageError, type Command, ExitCode } from '../command.js'
import { parseFlags } from '../parse-flags.js'
import { findRepoRoot } from '../repo.js'

const help = `Usage: daimm gateway [options]

The whole local marketplace, as \`npm start\` runs it: starts anvil, deploys the protocol, seeds it
with the demo's story and sample models, offers and sales, and starts the DAIMM gateway (the state
indexed into an embedded PGlite database, served as a REST API with search). Prints

  api  http://127.0.0.1:<port>

and stays up until Ctrl-C or SIGTERM, then stops everything it started. The API's documentation
is at /docs, its OpenAPI document at /openapi.json. To run the gateway against another chain or
PostgreSQL, see docs/gateway.md.

Runs in a checkout of the DAIMM repo after npm install (the gateway is its gateway/ workspace).

Options:
  --port <n>   API port (default: DAIMM_API_PORT, else a free port)
  -h, --help   show this help
`

export const gatewayCommand: Command = {
  name: 'gateway',
  summary: 'Run the local marketplace: anvil, the protocol, sample data and the REST API',
  help,
  async run(args: readonly string[], io: CliIo) {
    const { values } = parseFlags('gateway', args, {
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    })
    if (values.help) {
      io.stdout.write(help)
      return ExitCode.ok
    }
    const given = values.port ?? process.env.DAIMM_API_PORT
    const port = given === undefined ? undefined : Number(given)
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536))
      throw new CliUsageError(`--port ${given} is not a port number.`, { fix: 'Give 1 to 65535.' })
    let root: string | undefined
    try {
      root = findRepoRoot()
    } catch {}
    const start = `${root}/gateway/src/start.ts`
    if (!root || !existsSync(start))
      throw new CliUsageError('daimm gateway runs in a checkout of the DAIMM repo.', {
        fix: 'Clone it, run npm install, then npm start.',
      })
    // A path, not a literal: the SDK's build must not bundle the gateway workspace.
    const { runStart } = (await import(start)) as {
      runStart(parameters: {
        log: (line: string) => void
        port?: number | undefined
      }): Promise<void>
    }
    await runStart({ log: (line) => io.stdout.write(`${line}\n`), port })
    // Stays up: the gateway and anvil run until Ctrl-C or SIGTERM stops them and exits.
    await new Promise(() => {})
    return ExitCode.ok
  },
}

/** `daimm start`: the same, under the name `npm start` has. */
export const startCommand: Command = {
  ...gatewayCommand,
  name: 'start',
  summary: 'The same as daimm gateway (what npm start runs)',
}
