import type { Command } from '../command.js'
import { cidCommand } from './cid.js'
import { demoCommand } from './demo.js'
import { evalCommand } from './eval.js'

/** Every `daimm` command, in the order `daimm --help` lists them. Add one file, one line. */
export const commands: readonly Command[] = [cidCommand, evalCommand, demoCommand]
