/**
 * `npm run demo`: the same as `daimm demo` (see commands/demo.ts and demo/run.ts), run from source
 * with tsx. Arguments go to the command: `npm run -w @daimm/sdk demo -- --debug` (from the repo
 * root's `npm run demo`, it takes `npm run demo -- -- --debug`).
 */
import { runCli } from './dispatch.js'

process.exitCode = await runCli(['demo', ...process.argv.slice(2)], process)
