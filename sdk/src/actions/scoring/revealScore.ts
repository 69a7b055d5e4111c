import type { Hex } from 'viem'
import { scoringManagerAbi } from '../../generated/contracts.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

export type RevealScoreParameters = {
  roundId: bigint
  /** The committed score. */
  score: number
  /** The salt `commit` used (and returned). */
  salt: Hex
} & SenderParameters
export type RevealScoreReturnType = WriteReturnType<typeof scoringManagerAbi>

/**
 * Reveals the sender's committed score, during the reveal window (after the commit deadline, up to
 * the reveal deadline). A member that does not reveal is reported to the Slasher.
 *
 * @throws {ContractError} `ScoringCommitmentMismatch` when score and salt are not the committed
 * ones; `ScoringNotRevealWindow` outside the window.
 * @example
 * const { salt } = await daimm.scoring.commit({ roundId, score: 87 })
 * // after the commit deadline
 * await daimm.scoring.reveal({ roundId, score: 87, salt })
 */
export async function revealScore(
  ctx: DaimmContext,
  { roundId, score, salt, account }: RevealScoreParameters,
): Promise<RevealScoreReturnType> {
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'reveal',
    args: [roundId, score, salt],
    account,
  })
}
