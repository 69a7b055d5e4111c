import { type Hex, zeroHash } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { assertScoreDigest } from './commitScore.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.reveal] as const

export type RevealScoreParameters = {
  roundId: bigint
  /** The committed score. */
  score: number
  /** The committed evaluation digest; none (zero) for an abstention. */
  digest?: Hex | undefined
  /** The salt `commit` used (and returned). */
  salt: Hex
} & SenderParameters
export type RevealScoreReturnType = WriteReturnType<typeof scoringManagerAbi>

/**
 * Reveals the sender's committed score and evaluation digest, during the reveal window (after the
 * commit deadline, up to the reveal deadline). A member that does not reveal is reported to the
 * Slasher.
 *
 * @throws {DaimmError} before sending, when a score comes without a digest (or an abstention with
 * one). {ContractError} `ScoringCommitmentMismatch` when score, digest and salt are not the
 * committed ones; `ScoringNotRevealWindow` outside the window.
 * @example
 * const { salt } = await daimm.scoring.commit({ roundId, score: 87, digest })
 * // after the commit deadline
 * await daimm.scoring.reveal({ roundId, score: 87, digest, salt })
 */
export async function revealScore(
  ctx: DaimmContext,
  { roundId, score, digest = zeroHash, salt, account }: RevealScoreParameters,
): Promise<RevealScoreReturnType> {
  assertScoreDigest(score, digest)
  return simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'reveal',
    args: [roundId, score, digest, salt],
    account,
  })
}
