import { type Address, encodeAbiParameters, type Hex, keccak256, zeroHash } from 'viem'
import { DaimmError } from '../../errors.js'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import { type DaimmContext, type SenderParameters, senderAddressOf } from '../context.js'
import { randomSalt } from '../salt.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.commit] as const

export type CommitScoreParameters = {
  roundId: bigint
  /**
   * The score, an integer from 1 to 100; or 0 to abstain: the member could not evaluate (the
   * artifact or dataset was unavailable or did not match its CID). An abstention is neither paid
   * nor slashed.
   */
  score: number
  /**
   * The digest of the evaluation behind the score (`evaluationDigest` of `@daimm/sdk/eval`: model
   * fingerprint, dataset, metric, runtime and every prediction), sealed with it. Required with a
   * score from 1 to 100; none (or zero) with an abstention. The finalized round records the digest
   * that more than half of the in-band stake revealed, which buyers compare with their own.
   */
  digest?: Hex | undefined
  /** Secret that hides the score until the reveal. Default: 32 random bytes. Keep it. */
  salt?: Hex | undefined
} & SenderParameters

export type CommitScoreReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  /** What was posted (the contract keeps its first 29 bytes). */
  commitment: Hex
  /** Needed with `score` and `digest` to reveal: keep it until then. */
  salt: Hex
  score: number
  /** The sealed digest (zero for an abstention). */
  digest: Hex
}

/**
 * `keccak256(abi.encode(roundId, validator, score, digest, salt))`, as the ScoringManager's
 * `commitmentOf` computes it. `digest` defaults to zero (an abstention's).
 *
 * @example
 * const commitment = scoreCommitment({ roundId, validator, score: 87, digest, salt })
 */
export function scoreCommitment({
  roundId,
  validator,
  score,
  digest = zeroHash,
  salt,
}: {
  roundId: bigint
  validator: Address
  score: number
  digest?: Hex | undefined
  salt: Hex
}): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'uint256' },
        { type: 'address' },
        { type: 'uint8' },
        { type: 'bytes32' },
        { type: 'bytes32' },
      ],
      [roundId, validator, score, digest, salt],
    ),
  )
}

/** Checks that a score comes with a digest and an abstention without one, as `reveal` requires. */
export function assertScoreDigest(score: number, digest: Hex): void {
  if (!Number.isInteger(score) || score < 0 || score > 100)
    throw new DaimmError(`Scores run from 1 to 100, or 0 to abstain (got ${score}).`, {
      metaMessages: ['A commitment to another score could never be revealed.'],
    })
  if (!/^0x[0-9a-fA-F]{64}$/.test(digest))
    throw new DaimmError(`The evaluation digest ${digest} is not 32 bytes of hex.`)
  if ((score === 0) !== (BigInt(digest) === 0n))
    throw new DaimmError(
      score === 0
        ? 'An abstention (score 0) carries no evaluation digest.'
        : `Score ${score} needs the digest of the evaluation behind it.`,
      {
        metaMessages: [
          'Pass `digest`: evaluationDigest(...) of @daimm/sdk/eval, as evaluateModel returns it.',
          'A commitment without it could never be revealed.',
        ],
      },
    )
}

/**
 * Commits the sender's score and evaluation digest in a round, during the commit window; a later
 * commit replaces an earlier one. The commitment is computed locally, with a random salt unless one
 * is given; reveal with the returned `score`, `digest` and `salt` once the commit window has closed.
 *
 * @throws {DaimmError} before sending, when the score is not an integer from 0 to 100, or a score
 * comes without a digest (or an abstention with one): it could never be revealed, and the member
 * would be slashed for not revealing.
 * @example
 * const { score, digest } = await evaluateModel({ ... })
 * const { salt } = await daimm.scoring.commit({ roundId, score, digest })
 * // after the commit deadline
 * await daimm.scoring.reveal({ roundId, score, digest, salt })
 */
export async function commitScore(
  ctx: DaimmContext,
  { roundId, score, digest = zeroHash, salt = randomSalt(), account }: CommitScoreParameters,
): Promise<CommitScoreReturnType> {
  assertScoreDigest(score, digest)
  const validator = senderAddressOf(ctx, account, 'commit')
  const commitment = scoreCommitment({ roundId, validator, score, digest, salt })
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'commit',
    args: [roundId, commitment],
    account,
  })
  return { ...result, commitment, salt, score, digest }
}
