import { type Address, type Hex, isHex, size, stringToHex } from 'viem'
import { DaimmError } from '../../errors.js'
import type { AssetKind } from '../registry/types.js'
import type { OffenceKind } from '../slashing/types.js'

/**
 * Life of a round, in the ScoringManager's `RoundStatus` order: `'open'` until its committee is
 * drawn, `'drawn'` through the commit and reveal windows, then `'finalized'` with a score or
 * `'failed'`: refunded when no committee could be seated; at its opener's cost (the budget joins
 * the reward pool) when too few members could score it, or when its seed aged out undrawn.
 */
export const roundStatuses = ['none', 'open', 'drawn', 'finalized', 'failed'] as const
/** Where a committee member stands in a round, in the ScoringManager's `BallotState` order. */
export const ballotStates = [
  'none',
  'drawn',
  'committed',
  'revealed',
  'claimed',
  'reported',
  /** The member revealed that it could not evaluate (score 0): neither paid nor slashed. */
  'abstained',
] as const

export type RoundStatus = (typeof roundStatuses)[number]
export type BallotState = (typeof ballotStates)[number]
/** What scoring reports a member to the Slasher for. */
export type ScoringOffence = Extract<OffenceKind, 'no-reveal' | 'outlier'>

/** A scoring round, as `getRound` returns it. */
export type Round = {
  id: bigint
  status: RoundStatus
  /** The model or dataset scored (its registry id). */
  subjectId: Hex
  subjectKind: AssetKind
  /** The subject's owner at opening: never drawn, and paid the contributor reward. */
  subjectOwner: Address
  /** `keccak256(abi.encodePacked(metricId, datasetCid))`, as recorded in the registry. */
  benchmarkId: Hex
  /** Who paid the budget; the ScoringManager itself when governance funded it from the pool. */
  funder: Address
  /** DAIMM in wei shared by the members within the tolerance band. */
  budget: bigint
  /** Seats asked for. */
  committeeSize: number
  /** Seats filled by the draw (0 before it). */
  seats: number
  /** Members weigh their active stake at the end of this second (seconds since the epoch). */
  snapshotAt: bigint
  /** The block whose hash seeds the draw. */
  seedBlock: bigint
  /** End of the commit window, in seconds since the epoch; null before the draw. */
  commitDeadline: bigint | null
  /** End of the reveal window; from then on anyone may finalize. Null before the draw. */
  revealDeadline: bigint | null
  /** Set once the round is finalized. */
  result: {
    /** The stake-weighted (lower) median of the reveals, 1–100. */
    consensus: number
    /** Reveals in [bandLow, bandHigh] share the budget; the others are outliers. */
    bandLow: number
    bandHigh: number
    /** Stake weight of the members within the band. */
    rewardedWeight: bigint
  } | null
}

/** A committee member's ballot, as `getBallot` returns it. */
export type Ballot = {
  state: BallotState
  /** 0-based seat in the committee. */
  seat: number
  /** The revealed score; null before the reveal. */
  score: number | null
  /** The first 29 bytes of the commitment hash (all the contract keeps); null before a commit. */
  commitment: Hex | null
}

/** A seat of a round's committee, as `getCommittee` returns it. */
export type CommitteeSeat = {
  seat: number
  validator: Address
  /** The member's stake at the round's snapshot, in DAIMM wei. */
  weight: bigint
  ballot: Ballot
}

/** A member reported to the Slasher, from a `MemberReported` event. */
export type MemberReport = {
  validator: Address
  kind: ScoringOffence
  offenceId: Hex
  /** The Slasher escrow holding the slashed stake; null when there was nothing to slash. */
  escrowId: bigint | null
  /** DAIMM in wei moved into escrow. */
  slashed: bigint
}

/** The ScoringManager's governed parameters and limits, as `getScoringParameters` returns them. */
export type ScoringParameters = {
  /** Seconds from the draw during which members commit. */
  commitWindow: bigint
  /** Seconds after the commit window during which members reveal. */
  revealWindow: bigint
  /** Share of the seats that must reveal, in basis points. */
  quorumCountBps: number
  /** Share of the committee's stake weight that must reveal, in basis points. */
  quorumStakeBps: number
  /** Score points around the consensus within which a reveal is rewarded, not slashed. */
  tolerance: number
  /** Share of a member's weight locked in the StakeManager until the round settles. */
  lockShareBps: number
  /** Weight of the newest score in a contributor's reputation, in basis points. */
  reputationWeightBps: number
  /** Smallest budget per seat, in DAIMM wei: `openRound` needs at least this × committeeSize. */
  minBudgetPerSeat: bigint
  /** Lowest consensus that pays a contributor reward (below it the round counts, but pays nothing). */
  minRewardScore: number
  /** The largest committee. */
  maxCommitteeSize: number
  /** Contributor reward per asset kind before score and reputation, in DAIMM wei. */
  contributorRewards: Record<AssetKind, bigint>
  /** The plugged-in randomness source; null: the seed block's hash. */
  randomnessSource: Address | null
}

/** The ballot in the contract's form, as viem decodes it. */
type BallotTuple = { commitment: Hex; seat: number; score: number; state: number }

export function toBallot(b: BallotTuple): Ballot {
  const state = ballotStates[b.state] ?? 'none'
  return {
    state,
    seat: b.seat,
    score: b.score === 0 ? null : b.score,
    commitment: BigInt(b.commitment) === 0n ? null : b.commitment,
  }
}

/**
 * The `bytes32` metric id a round records: a name of up to 32 bytes (`'accuracy'`, stored as
 * Solidity's `bytes32("accuracy")`), or the 32 bytes themselves as `0x` hex.
 */
export function toMetricId(metric: string): Hex {
  if (isHex(metric) && size(metric) === 32) return metric
  if (new TextEncoder().encode(metric).length > 32)
    throw new DaimmError(`The metric name '${metric}' is longer than 32 bytes.`, {
      metaMessages: ['A metric id is a bytes32: use a shorter name, or pass its 32 bytes as hex.'],
    })
  return stringToHex(metric, { size: 32 })
}
