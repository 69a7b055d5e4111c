import type { Address, Hex } from 'viem'
import * as daimmToken from '../../generated/abi/daimmToken.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The daimmToken ABI items this action uses (errors decode from the protocol's table). */
const daimmTokenAbi = [daimmToken.claim] as const

export type ClaimAirdropParameters = {
  /** The sender's amount in the airdrop's tree, in wei. */
  amount: bigint
  /** Sibling hashes from the sender's leaf to the root. */
  proof: readonly Hex[]
  /**
   * Whom the claimed votes go to. Default: the sender, unless it has delegated already (then its
   * delegate stays).
   */
  delegatee?: Address | undefined
} & SenderParameters
export type ClaimAirdropReturnType = WriteReturnType<typeof daimmTokenAbi>

/**
 * Claims the sender's genesis airdrop with its Merkle proof; the claim delegates its votes, so they
 * count from the next second with no other transaction.
 *
 * @example
 * await daimm.governance.claimAirdrop({ amount: parseEther('10000'), proof })
 */
export async function claimAirdrop(
  ctx: DaimmContext,
  { amount, proof, delegatee, account }: ClaimAirdropParameters,
): Promise<ClaimAirdropReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.token,
    abi: daimmTokenAbi,
    functionName: 'claim',
    args: [amount, delegatee ?? '0x0000000000000000000000000000000000000000', proof],
    account,
  })
}
