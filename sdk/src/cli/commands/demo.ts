import { type CliIo, type Command, ExitCode } from '../command.js'
import { parseFlags } from '../parse-flags.js'

const help = `Usage: daimm demo [options]

Runs the whole DAIMM story on a local anvil node it starts on a free port, and stops it at the end
(or on Ctrl-C):

  1. deploy the protocol with forge script script/Deploy.s.sol;
  2. register the bundled Iris ONNX model (CID and fingerprint) and a fine-tuned child;
  3. set the royalty splits;
  4. five validators stake; a round draws them; four evaluate the model with onnxruntime-web,
     one commits a far-off score; all reveal; finalize slashes the outlier;
  5. a buyer licenses the child; the revenue is split, partly upstream to the parent, and claimed;
  6. print a summary: model, CID, score, who was slashed, who earned what.

It uses anvil's public dev accounts, which hold DAIMM from the local genesis, and moves the
clock, so it runs on its own node only. Run it in a checkout of the repo after npm install.

Options:
  --debug      on failure, print the whole error, not just its first line
  -h, --help   show this help
`

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole story on a local node: register, score, slash, license, claim',
  help,
  async run(args: readonly string[], io: CliIo) {
    const { values } = parseFlags('demo', args, {
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    })
    if (values.help) {
      io.stdout.write(help)
      return ExitCode.ok
    }
    // Loaded here, not at start-up: other commands need neither viem's clients nor onnxruntime-web.
    const { runDemo, DemoStepError } = await import('../demo/run.js')
    try {
      await runDemo({ log: (line) => io.stdout.write(`${line}\n`) })
      return ExitCode.ok
    } catch (error) {
      const reason = error instanceof DemoStepError ? error.shortMessage : String(error)
      // One line, unless --debug asks for everything.
      io.stderr.write(
        values.debug
          ? `daimm demo: ${reason}\n${debugText(error)}\n`
          : `daimm demo: ${reason} (--debug shows the whole error)\n`,
      )
      return ExitCode.failed
    }
  },
}

function debugText(error: unknown): string {
  const lines: string[] = []
  for (let cause = error; cause !== undefined; cause = (cause as Error).cause) {
    lines.push(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause))
    if (!(cause instanceof Error)) break
  }
  return lines.join('\nCaused by: ')
}
