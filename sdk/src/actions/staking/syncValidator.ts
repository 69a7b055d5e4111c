import type { Address } from 'viem'
import * as stakeManager from '../../generated/abi/stakeManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The stakeManager ABI items this action uses (errors decode from the protocol's table). */
const stakeManagerAbi = [stakeManager.syncValidator] as const

export type SyncValidatorParameters = {
  /** The validator to check against the current validator minimum. */
  validator: Address
} & SenderParameters
export type SyncValidatorReturnType = WriteReturnType<typeof stakeManagerAbi>

/**
 * Brings `validator`'s place in the validator set in line with its stake and the current validator
 * minimum (in if it opted in and meets it, out if not), after governance changed the minimum or a
 * slash. Anyone may call it.
 *
 * @example
 * await daimm.staking.syncValidator({ validator: '0x…' })
 */
export async function syncValidator(
  ctx: DaimmContext,
  { validator, account }: SyncValidatorParameters,
): Promise<SyncValidatorReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.stakeManager,
    abi: stakeManagerAbi,
    functionName: 'syncValidator',
    args: [validator],
    account,
  })
}
