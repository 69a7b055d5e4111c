#!/usr/bin/env node
/** The `daimm` command line: see `daimm --help`. */
import { runCli } from './dispatch.js'

process.exitCode = await runCli(process.argv.slice(2), process)
