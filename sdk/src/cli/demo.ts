/**
 * `npm run demo`: the same as `daimm demo` (see commands/demo.ts and demo/run.ts), run from source
 * with tsx. Arguments after `--` go to the command, e.g. `npm run demo -- --debug`.
 */
import { runCli } from './dispatch.js'

process.exitCode = await runCli(['demo', ...process.argv.slice(2)], process)
