import { parseEventLogs } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext, SenderParameters } from '../context.js'
import { offenceKinds } from '../slashing/types.js'
import { simulateAndWrite, type WriteReturnType } from '../write.js'
import type { MemberReport, ScoringOffence } from './types.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [scoringManager.reportOffenders, scoringManager.MemberReported] as const

export type ReportOffendersParameters = { roundId: bigint } & SenderParameters
export type ReportOffendersReturnType = WriteReturnType<typeof scoringManagerAbi> & {
  /** One per member reported, from the `MemberReported` events. */
  reported: readonly MemberReport[]
}

/**
 * Reports a settled round's offenders to the Slasher: members that did not reveal and, once the
 * round is finalized, members outside the tolerance band. Each is slashed into escrow and its lock
 * released. Anyone may send it; each member is reported once. `finalize` sends it for you unless
 * told not to.
 *
 * @throws {ContractError} `ScoringNothingToReport` when no member is left to report.
 * @example
 * const { reported } = await daimm.scoring.reportOffenders({ roundId })
 * for (const { validator, kind, slashed } of reported) console.log(validator, kind, slashed)
 */
export async function reportOffenders(
  ctx: DaimmContext,
  { roundId, account }: ReportOffendersParameters,
): Promise<ReportOffendersReturnType> {
  const result = await simulateAndWrite(ctx, {
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    functionName: 'reportOffenders',
    args: [roundId],
    account,
  })
  const reported = parseEventLogs({
    abi: scoringManagerAbi,
    logs: result.receipt.logs,
    eventName: 'MemberReported',
  }).map(({ args }) => ({
    validator: args.validator,
    kind: offenceKinds[args.kind] as ScoringOffence,
    offenceId: args.offenceId,
    escrowId: args.escrowId === 0n ? null : args.escrowId,
    slashed: args.slashed,
  }))
  return { ...result, reported }
}
