import { type Address, parseEventLogs } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import { waitForBlockAfter } from '../blocks.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { getRound } from './getRound.js'
import type { RoundStatus } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [
  scoringManager.drawCommittee,
  scoringManager.CommitteeDrawn,
  scoringManager.MemberDrawn,
  scoringManager.RoundFailed,
] as const

export type DrawCommitteeParameters = {
  roundId: bigint
  /**
   * Wait, when the round was opened in the latest block, for the next one: the draw is seeded by
   * the opening block's hash. On a local devnet that mines only on demand, a block is mined after
   * a second. Default: true; false sends at once (`ScoringSeedNotReady` if too early).
   */
  waitForBlock?: boolean | undefined
} & SenderParameters

/** A member seated by the draw, from its `MemberDrawn` event. */
export type DrawnMember = {
  seat: number
  validator: Address
  /** Its stake at the round's snapshot, in DAIMM wei. */
  weight: bigint
  /** Stake locked in the StakeManager until the round settles. */
  locked: bigint
}

export type DrawCommitteeReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  /**
   * The round's status after the draw: `'drawn'`; `'failed'` when too few eligible validators were
   * drawn for the quorum (the budget went back to its funder); or still `'open'` when nobody drew
   * within 256 blocks and the seed block moved to this one (draw again from the next block).
   */
  status: Extract<RoundStatus, 'drawn' | 'failed' | 'open'>
  /** Seats filled (0 unless drawn). */
  seats: number
  members: readonly DrawnMember[]
  /** Last moment to commit, in seconds since the epoch; null unless drawn. */
  commitDeadline: bigint | null
  /** Last moment to reveal; after it anyone may finalize. Null unless drawn. */
  revealDeadline: bigint | null
}

/**
 * Draws a round's committee by stake from the sortition pool, locking a share of each member's
 * stake. Anyone may send it from the block after the opening; the committee does not depend on
 * who does. It also ends the freeze of the pool's weights that the opening started. Waits for the
 * block after the seed block if needed.
 *
 * @throws {ContractError} `ScoringSeedNotReady` in the opening block, with `waitForBlock: false`.
 * @example
 * const { members, commitDeadline } = await daimm.scoring.drawCommittee({ roundId })
 */
export async function drawCommittee(
  ctx: DaimmContext,
  { roundId, waitForBlock = true, account }: DrawCommitteeParameters,
): Promise<DrawCommitteeReturnType> {
  if (waitForBlock) {
    const round = await getRound(ctx, { roundId })
    // Any other status: the ScoringManager's own error says what is wrong.
    if (round?.status === 'open') await waitForBlockAfter(ctx.publicClient, round.seedBlock)
  }
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'drawCommittee',
    args: [roundId],
    account,
  })
  const logs = result.receipt.logs
  const [drawn] = parseEventLogs({ abi: scoringManagerAbi, logs, eventName: 'CommitteeDrawn' })
  const failed = parseEventLogs({ abi: scoringManagerAbi, logs, eventName: 'RoundFailed' })
  const members = parseEventLogs({ abi: scoringManagerAbi, logs, eventName: 'MemberDrawn' }).map(
    ({ args }) => ({
      seat: Number(args.seat),
      validator: args.validator,
      weight: args.weight,
      locked: args.locked,
    }),
  )
  return {
    ...result,
    status: drawn ? 'drawn' : failed.length ? 'failed' : 'open',
    seats: members.length,
    members,
    commitDeadline: drawn ? BigInt(drawn.args.commitDeadline) : null,
    revealDeadline: drawn ? BigInt(drawn.args.revealDeadline) : null,
  }
}
