import type { Address } from 'viem'
import * as daimmToken from '../../generated/abi/daimmToken.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The daimmToken ABI items this action uses (errors decode from the protocol's table). */
const daimmTokenAbi = [daimmToken.delegate] as const

export type DelegateVotesParameters = {
  /** Who votes with the sender's DAIMM: often the sender itself. */
  delegatee: Address
} & SenderParameters
export type DelegateVotesReturnType = WriteReturnType<typeof daimmTokenAbi>

/**
 * Delegates the sender's DAIMM voting power. Balances carry no votes until delegated.
 *
 * @example
 * await daimm.governance.delegate({ delegatee: account.address })
 */
export async function delegateVotes(
  ctx: DaimmContext,
  { delegatee, account }: DelegateVotesParameters,
): Promise<DelegateVotesReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.token,
    abi: daimmTokenAbi,
    functionName: 'delegate',
    args: [delegatee],
    account,
  })
}
