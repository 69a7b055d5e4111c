import type { Address, Hex } from 'viem'

/** What an account is slashed for, in the Slasher's `OffenceKind` order. */
export const offenceKinds = [
  'no-reveal',
  'outlier',
  'plagiarism',
  'bad-dataset',
  'collusion',
] as const
/** Where an offence id stands; a rejected or expired challenge puts it back to `'none'`. */
export const offenceStatuses = ['none', 'challenged', 'slashed'] as const
export const challengeStatuses = ['none', 'pending', 'upheld', 'rejected', 'expired'] as const
export const escrowStatuses = ['none', 'held', 'released', 'reversed'] as const

export type OffenceKind = (typeof offenceKinds)[number]
/** The offences a challenge can raise; the scoring module reports the others. */
export type ChallengeableOffence = Exclude<OffenceKind, 'no-reveal' | 'outlier'>
export type OffenceStatus = (typeof offenceStatuses)[number]
export type ChallengeStatus = (typeof challengeStatuses)[number]
export type EscrowStatus = (typeof escrowStatuses)[number]

/** A bonded accusation, as `getChallenge` returns it. */
export type Challenge = {
  id: bigint
  challenger: Address
  /** DAIMM posted, in wei. */
  bond: bigint
  accused: Address
  kind: OffenceKind
  status: ChallengeStatus
  /** Last moment the arbiter may rule; after it, anyone may `expireChallenge`, in seconds since the epoch. */
  deadline: bigint
  offenceId: Hex
  /** The accused's stake held until the ruling or expiry (withdrawals stop above it), in wei. */
  held: bigint
}

/** Slashed DAIMM waiting out the escrow period, as `getEscrow` returns it. */
export type Escrow = {
  id: bigint
  /** The slashed account; a reversal pays it back. */
  account: Address
  /** DAIMM held, in wei. */
  amount: bigint
  /** Who earns the challenger share on release; null for automatic offences. */
  challenger: Address | null
  /** From then on anyone may `releaseSlash`; governance may reverse it before; seconds since the epoch. */
  releaseAt: bigint
  status: EscrowStatus
  offenceId: Hex
}
