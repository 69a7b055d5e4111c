import { type Address, type Hex, parseEventLogs } from 'viem'
import { ContractError } from '../../contractErrors.js'
import { DaimmError } from '../../errors.js'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import { getCommittee } from './getCommittee.js'
import { type ReportOffendersReturnType, reportOffenders } from './reportOffenders.js'
import type { CommitteeSeat, ScoringOffence } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [
  scoringManager.finalize,
  scoringManager.ContributorRewarded,
  scoringManager.RoundFailed,
  scoringManager.RoundFinalized,
] as const

export type FinalizeRoundParameters = {
  roundId: bigint
  /**
   * When the settlement leaves offenders (members that did not reveal, or revealed outside the
   * band), report them to the Slasher in a second transaction, `reportOffenders`. Default: true.
   */
  report?: boolean | undefined
} & SenderParameters

/** How a round settled, from its `RoundFinalized` (and `ContributorRewarded`) or `RoundFailed` event. */
export type RoundSettlement =
  | {
      status: 'finalized'
      /** The stake-weighted (lower) median of the reveals, now the subject's evaluation. */
      consensus: number
      /**
       * The evaluation digest carried by more than half of the in-band revealed weight, the one
       * the committee agreed on (recorded with the evaluation); zero when none had that majority.
       */
      digest: Hex
      /** Reveals in [bandLow, bandHigh] share the budget; the others are outliers. */
      bandLow: number
      bandHigh: number
      revealedWeight: bigint
      rewardedWeight: bigint
      /** Rounding left of the budget, returned to the reward pool. */
      returnedToPool: bigint
      /** Paid to the subject's owner from the reward pool. */
      contributorReward: bigint
    }
  | {
      /** No quorum: the budget went back to its funder. */
      status: 'failed'
      revealed: number
      revealedWeight: bigint
      refund: bigint
    }

/** A member the settlement leaves to be reported, and for what. */
export type ScoringOffender = { validator: Address; kind: ScoringOffence }

export type FinalizeRoundReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  settlement: RoundSettlement
  /** The members the settlement left to report (as of the finalize block). */
  offenders: readonly ScoringOffender[]
  /**
   * The `reportOffenders` transaction (its hash, receipt, events and `reported` members); null
   * with `report: false`, when there was nobody to report, or when someone reported them first.
   */
  report: ReportOffendersReturnType | null
}

/**
 * Settles a round after its reveal deadline: the consensus, rewards, the registry's evaluation
 * and the contributor's reward, or a failure without quorum that refunds the budget. Anyone may
 * send it. Then, unless `report: false`, when any member did not reveal or revealed outside the
 * band, it sends `reportOffenders` so they are slashed (until then their stake stays locked).
 *
 * @throws {ContractError} `ScoringRevealWindowOpen` before the reveal deadline.
 * @example
 * const { settlement, report } = await daimm.scoring.finalize({ roundId })
 * if (settlement.status === 'finalized') console.log('score', settlement.consensus)
 * for (const { validator, kind } of report?.reported ?? []) console.log(validator, kind)
 */
export async function finalizeRound(
  ctx: DaimmContext,
  { roundId, report = true, account }: FinalizeRoundParameters,
): Promise<FinalizeRoundReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'finalize',
    args: [roundId],
    account,
  })
  const settlement = settlementOf(result, roundId)
  const committee = await getCommittee(ctx, { roundId, blockNumber: result.receipt.blockNumber })
  const offenders = committee.flatMap((seat) => {
    const kind = offenceOf(seat, settlement)
    return kind ? [{ validator: seat.validator, kind }] : []
  })
  return {
    ...result,
    settlement,
    offenders,
    report: report && offenders.length ? await reportUnlessDone(ctx, roundId, account) : null,
  }
}

function settlementOf(
  { hash, receipt }: WriteReturnType<typeof scoringManagerAbi>,
  roundId: bigint,
): RoundSettlement {
  const events = <const eventName extends 'RoundFinalized' | 'RoundFailed' | 'ContributorRewarded'>(
    eventName: eventName,
  ) =>
    parseEventLogs({ abi: scoringManagerAbi, logs: receipt.logs, eventName }).filter(
      (event) => event.args.roundId === roundId,
    )
  const [failed] = events('RoundFailed')
  if (failed)
    return {
      status: 'failed',
      revealed: Number(failed.args.revealed),
      revealedWeight: failed.args.revealedWeight,
      refund: failed.args.refund,
    }
  const [finalized] = events('RoundFinalized')
  if (!finalized)
    throw new DaimmError(
      `finalize was mined (${hash}) but emitted neither RoundFinalized nor RoundFailed.`,
    )
  const [rewarded] = events('ContributorRewarded')
  return {
    status: 'finalized',
    consensus: Number(finalized.args.score),
    digest: finalized.args.digest,
    bandLow: Number(finalized.args.bandLow),
    bandHigh: Number(finalized.args.bandHigh),
    revealedWeight: finalized.args.revealedWeight,
    rewardedWeight: finalized.args.rewardedWeight,
    returnedToPool: finalized.args.returnedToPool,
    contributorReward: rewarded?.args.amount ?? 0n,
  }
}

/** What reportOffenders would report `seat` for, after `settlement`. */
function offenceOf(
  { ballot }: CommitteeSeat,
  settlement: RoundSettlement,
): ScoringOffence | undefined {
  if (ballot.state === 'drawn' || ballot.state === 'committed') return 'no-reveal'
  if (settlement.status !== 'finalized' || ballot.state !== 'revealed' || ballot.score === null)
    return undefined
  const { bandLow, bandHigh } = settlement
  return ballot.score < bandLow || ballot.score > bandHigh ? 'outlier' : undefined
}

/** Reports the round's offenders; null when someone else reported them since the finalize. */
async function reportUnlessDone(
  ctx: DaimmContext,
  roundId: bigint,
  account: SenderParameters['account'],
): Promise<ReportOffendersReturnType | null> {
  try {
    return await reportOffenders(ctx, { roundId, account })
  } catch (error) {
    if (error instanceof ContractError && error.errorName === 'ScoringNothingToReport') return null
    throw error
  }
}
