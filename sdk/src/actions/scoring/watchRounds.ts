import type { Address, Hash, Hex, WatchContractEventReturnType } from 'viem'
import * as scoringManager from '../../generated/abi/scoringManager.js'
import type { DaimmContext } from '../context.js'
import { cidFromBytes, toModelId } from '../registry/types.js'
import type { WatchParameters } from '../watch.js'

/** The scoringManager ABI items this action uses (errors decode from the protocol's table). */
const scoringManagerAbi = [
  scoringManager.CommitteeDrawn,
  scoringManager.RoundFailed,
  scoringManager.RoundFinalized,
  scoringManager.RoundOpened,
] as const

/** A round opened, drawn, finalized or failed, as `watchRounds` reports it. */
export type RoundEvent = { blockNumber: bigint; transactionHash: Hash; roundId: bigint } & (
  | {
      type: 'opened'
      subjectId: Hex
      funder: Address
      subjectOwner: Address
      benchmarkId: Hex
      datasetCid: string
      metricId: Hex
      budget: bigint
      committeeSize: number
      seedBlock: bigint
    }
  | { type: 'drawn'; seats: number; commitDeadline: bigint; revealDeadline: bigint }
  | { type: 'finalized'; subjectId: Hex; score: number; bandLow: number; bandHigh: number }
  | { type: 'failed'; revealed: number; refund: bigint }
)

export type WatchRoundsParameters = WatchParameters & {
  /** Called with each batch of new events, oldest first. */
  onRounds: (rounds: RoundEvent[]) => void
}

const seconds = (at: unknown) => BigInt(at as bigint | number)

/**
 * Watches the ScoringManager for rounds opened, drawn, finalized and failed, as they are mined: a
 * validator's cue to evaluate, a dashboard's to refresh. Returns the function that stops watching.
 *
 * @example
 * const unwatch = watchRounds(ctx, {
 *   onRounds: (events) => events.filter((e) => e.type === 'drawn').forEach(evaluate),
 * })
 */
export function watchRounds(
  ctx: DaimmContext,
  { onRounds, onError, fromBlock, pollingInterval }: WatchRoundsParameters,
): WatchContractEventReturnType {
  return ctx.publicClient.watchContractEvent({
    address: ctx.deployment.contracts.scoring,
    abi: scoringManagerAbi,
    fromBlock,
    pollingInterval,
    onError,
    onLogs: (logs) => {
      const rounds: RoundEvent[] = []
      for (const log of logs) {
        const base = { blockNumber: log.blockNumber, transactionHash: log.transactionHash }
        if (log.eventName === 'RoundOpened') {
          const a = log.args
          rounds.push({
            ...base,
            type: 'opened',
            roundId: a.roundId as bigint,
            subjectId: toModelId(a.subjectId as bigint),
            funder: a.funder as Address,
            subjectOwner: a.subjectOwner as Address,
            benchmarkId: a.benchmarkId as Hex,
            datasetCid: cidFromBytes(a.datasetCid as Hex),
            metricId: a.metricId as Hex,
            budget: a.budget as bigint,
            committeeSize: Number(a.committeeSize),
            seedBlock: a.seedBlock as bigint,
          })
        } else if (log.eventName === 'CommitteeDrawn') {
          const a = log.args
          rounds.push({
            ...base,
            type: 'drawn',
            roundId: a.roundId as bigint,
            seats: Number(a.seats),
            commitDeadline: seconds(a.commitDeadline),
            revealDeadline: seconds(a.revealDeadline),
          })
        } else if (log.eventName === 'RoundFinalized') {
          const a = log.args
          rounds.push({
            ...base,
            type: 'finalized',
            roundId: a.roundId as bigint,
            subjectId: toModelId(a.subjectId as bigint),
            score: Number(a.score),
            bandLow: Number(a.bandLow),
            bandHigh: Number(a.bandHigh),
          })
        } else if (log.eventName === 'RoundFailed') {
          const a = log.args
          rounds.push({
            ...base,
            type: 'failed',
            roundId: a.roundId as bigint,
            revealed: Number(a.revealed),
            refund: a.refund as bigint,
          })
        }
      }
      if (rounds.length > 0) onRounds(rounds)
    },
  })
}
