import { type Address, encodeAbiParameters, type Hex, keccak256 } from 'viem'
import { DaimmError } from '../../errors.js'
import { scoringManagerAbi } from '../../generated/contracts.js'
import { type DaimmContext, type SenderParameters, senderAddressOf } from '../context.js'
import { randomSalt } from '../salt.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

export type CommitScoreParameters = {
  roundId: bigint
  /**
   * The score, an integer from 1 to 100; or 0 to abstain: the member could not evaluate (the
   * artifact or dataset was unavailable or did not match its CID). An abstention is neither paid
   * nor slashed.
   */
  score: number
  /** Secret that hides the score until the reveal. Default: 32 random bytes. Keep it. */
  salt?: Hex | undefined
} & SenderParameters

export type CommitScoreReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  /** What was posted (the contract keeps its first 29 bytes). */
  commitment: Hex
  /** Needed with `score` to reveal: keep it until then. */
  salt: Hex
  score: number
}

/**
 * `keccak256(abi.encode(roundId, validator, score, salt))`, as the ScoringManager's
 * `commitmentOf` computes it.
 *
 * @example
 * const commitment = scoreCommitment({ roundId, validator, score: 87, salt })
 */
export function scoreCommitment({
  roundId,
  validator,
  score,
  salt,
}: {
  roundId: bigint
  validator: Address
  score: number
  salt: Hex
}): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'address' }, { type: 'uint8' }, { type: 'bytes32' }],
      [roundId, validator, score, salt],
    ),
  )
}

/**
 * Commits the sender's score in a round, during the commit window; a later commit replaces an
 * earlier one. The commitment is computed locally, with a random salt unless one is given; reveal
 * with the returned `score` and `salt` once the commit window has closed.
 *
 * @throws {DaimmError} before sending, when the score is not an integer from 0 to 100 (it could
 * never be revealed, and the member would be slashed for not revealing).
 * @example
 * const { salt } = await daimm.scoring.commit({ roundId, score: 87 })
 * // after the commit deadline
 * await daimm.scoring.reveal({ roundId, score: 87, salt })
 */
export async function commitScore(
  ctx: DaimmContext,
  { roundId, score, salt = randomSalt(), account }: CommitScoreParameters,
): Promise<CommitScoreReturnType> {
  if (!Number.isInteger(score) || score < 0 || score > 100)
    throw new DaimmError(`Scores run from 1 to 100, or 0 to abstain (got ${score}).`, {
      metaMessages: ['A commitment to another score could never be revealed.'],
    })
  const validator = senderAddressOf(ctx, account, 'commit')
  const commitment = scoreCommitment({ roundId, validator, score, salt })
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'commit',
    args: [roundId, commitment],
    account,
  })
  return { ...result, commitment, salt, score }
}
