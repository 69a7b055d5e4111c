import type { Command } from '../command.js'
import { buyCommand } from './buy.js'
import { cidCommand } from './cid.js'
import { claimCommand } from './claim.js'
import { demoCommand } from './demo.js'
import { evalCommand } from './eval.js'
import { fetchCommand } from './fetch.js'
import { finalizeCommand } from './finalize.js'
import { gatewayCommand, startCommand } from './gateway.js'
import { govCommand } from './gov.js'
import { indexCommand } from './index-cmd.js'
import { inferCommand } from './infer.js'
import { modelsCommand } from './models.js'
import { offerCommand } from './offer.js'
import { registerCommand } from './register.js'
import { reviewCommand } from './review.js'
import { stakeCommand } from './stake.js'
import { unstakeCommand } from './unstake.js'
import { usageCommand } from './usage.js'
import { validateCommand } from './validate.js'
import { withdrawCommand } from './withdraw.js'

/** Every `daimm` command, in the order `daimm --help` lists them. Add one file, one line. */
export const commands: readonly Command[] = [
  cidCommand,
  evalCommand,
  registerCommand,
  modelsCommand,
  stakeCommand,
  unstakeCommand,
  withdrawCommand,
  validateCommand,
  finalizeCommand,
  offerCommand,
  buyCommand,
  fetchCommand,
  inferCommand,
  reviewCommand,
  claimCommand,
  usageCommand,
  govCommand,
  indexCommand,
  demoCommand,
  gatewayCommand,
  startCommand,
]
