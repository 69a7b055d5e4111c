import type { Address, Hex } from 'viem'
import type { AssetKind, ModelStatus, Relation } from '../actions/registry/types.js'

/**
 * Everything the indexer rebuilds from events. Plain objects keyed by strings (ids as 0x-prefixed
 * 32-byte hex, addresses checksummed), so that a store can serialize it with `serializeIndex`.
 */
export type IndexedState = {
  models: Record<Hex, IndexedModel>
  stakers: Record<Address, IndexedStaker>
  /** The validator set in the StakeManager's enumeration order (`validatorAt`). */
  validatorSet: Address[]
  totals: { staked: bigint; unbonding: bigint }
  /** Sortition weights (`SortitionPool.weightOf`). */
  sortitionWeights: Record<Address, bigint>
  /** Contributor reputations (`ScoringManager.reputationOf`). */
  reputations: Record<Address, bigint>
  rounds: Record<string, IndexedRound>
  challenges: Record<string, IndexedChallenge>
  escrows: Record<string, IndexedEscrow>
  /**
   * Offences under challenge or slashed, by offence id (`Slasher.offenceStatus`); an offence whose
   * challenge was rejected or expired is removed (status `none`).
   */
  offences: Record<Hex, 'challenged' | 'slashed'>
  splits: Record<Hex, IndexedSplit>
  /** Protocol fees owed to a treasury, by `${treasury}:${token}` (`claimable(0, token, treasury)`). */
  protocolFees: Record<string, bigint>
  offers: Record<string, IndexedOffer>
  /** Signed offers listed or cancelled, by EIP-712 digest. */
  signedOffers: Record<Hex, IndexedSignedOffer>
  /** `Marketplace.minNonceOf`. */
  minNonces: Record<Address, bigint>
  /** One license per `${modelId}:${account}`. */
  licenses: Record<string, IndexedLicense>
  /** One review per `${modelId}:${reviewer}`: the latest (`Marketplace.reviewOf`). */
  reviews: Record<string, IndexedReview>
  /** The Marketplace's current treasury, from `TreasurySet` (fees go to the one each `LicensePurchased` names). */
  marketTreasury: Address | null
  /**
   * Royalty inboxes deployed for this deployment's splitter, by model id (`royaltyInboxOf`; an
   * inbox's address is fixed before it is deployed, and `sweepInbox` deploys it at its first sweep).
   */
  royaltyInboxes: Record<Hex, Address>
  /** Governor proposals, by proposal id as 32-byte hex. */
  proposals: Record<Hex, IndexedProposal>
  /**
   * The governor's quorum numerator (percent of the total supply), each value from the block time
   * it was set (`QuorumNumeratorUpdated`; the constructor sets the first), oldest first.
   */
  quorumNumerators: { since: bigint; numerator: bigint }[]
}

/**
 * A governor proposal as its events leave it. Where it stands at a moment (pending, active,
 * defeated, succeeded…) also depends on the clock: `proposalState` in the queries tells.
 */
export type IndexedProposal = {
  id: bigint
  proposer: Address
  calls: { target: Address; value: bigint; data: Hex }[]
  description: string
  /** Seconds (the token's clock): votes count as delegated at `voteStart`; voting ends at `voteEnd`. */
  voteStart: bigint
  voteEnd: bigint
  votes: { against: bigint; for: bigint; abstain: bigint }
  /** Accounts that voted (each votes once). */
  voters: number
  /** What the governor's events decided: queued, executed or canceled; `created` before any. */
  stage: 'created' | 'queued' | 'executed' | 'canceled'
  /** Seconds from which a queued proposal may be executed, or null. */
  eta: bigint | null
  createdAt: EventPosition
}

/** How a model derives from its parent, named as the registry actions name it (`getModel`). */
export type Lineage = Relation

/** Where an event happened. */
export type EventPosition = { blockNumber: bigint; transactionHash: Hex; logIndex: number }

export type IndexedModel = {
  id: Hex
  owner: Address
  publisher: Address
  artifactCid: Hex
  metadataCid: Hex
  kind: AssetKind
  /** Parent id, or null. */
  parent: Hex | null
  relation: Lineage
  status: ModelStatus
  committed: boolean
  /** Seconds (block timestamp of the first registration; a supersession keeps it). */
  registeredAt: bigint
  /** Latest evaluation written by scoring, or null. */
  /** `digest`: the evaluation digest the committee agreed on (zero: no majority). */
  evaluation: {
    score: number
    roundId: bigint
    evaluatedAt: bigint
    benchmarkId: Hex
    digest: Hex
  } | null
  /** Licensee reviews (`Marketplace.ratingOf`): how many, and the sum of their ratings (1 to 5 each). */
  rating: { count: number; sum: number }
  /** Every model card the model had, oldest first (the registration's included). */
  metadataHistory: (EventPosition & { metadataCid: Hex })[]
  /** Every owner change, oldest first (the mint included). */
  transfers: (EventPosition & { from: Address; to: Address })[]
}

export type IndexedUnbonding = { amount: bigint; releaseAt: bigint }

export type IndexedStaker = {
  account: Address
  /** Active stake (`stakeOf`). */
  stake: bigint
  /** Pending unbonding requests, oldest first (`unbondingRequests`). */
  unbonding: IndexedUnbonding[]
  /** `lockedOf`. */
  locked: bigint
  registeredValidator: boolean
  /** Every slash of this account, oldest first. */
  slashes: (EventPosition & {
    offenceId: Hex
    requested: bigint
    fromActive: bigint
    fromUnbonding: bigint
  })[]
  /** Withdrawn tokens in total. */
  withdrawn: bigint
}

export type BallotState = 'drawn' | 'committed' | 'revealed' | 'claimed' | 'reported' | 'abstained'

export type IndexedMember = {
  validator: Address
  seat: number
  weight: bigint
  locked: bigint
  state: BallotState
  /** The full commitment hash (the contract keeps its first 29 bytes). */
  commitment: Hex | null
  score: number | null
  /** The evaluation digest revealed with the score (null until then, and for an abstention). */
  digest: Hex | null
  /** Reward claimed (`RewardClaimed`). */
  reward: bigint
  /**
   * What `claimReward` would pay now (`ScoringManager.rewardOf`): once the round is finalized, a
   * member that revealed a score in the band is owed `budget × weight / rewardedWeight`; 0 before,
   * outside the band, and after the claim.
   */
  claimable: bigint
  reported: { kind: number; offenceId: Hex; escrowId: bigint; slashed: bigint } | null
}

export type IndexedRound = {
  id: bigint
  subjectId: Hex
  /** The subject's owner at opening, who is never drawn. */
  subjectOwner: Address
  /** The subject's asset kind at opening, which sets the contributor's reward. */
  kind: 'model' | 'dataset'
  funder: Address
  benchmarkId: Hex
  datasetCid: Hex
  metricId: Hex
  budget: bigint
  committeeSize: number
  snapshotAt: bigint
  seedBlock: bigint
  status: 'open' | 'drawn' | 'finalized' | 'failed'
  seed: Hex | null
  seats: number
  commitDeadline: bigint
  revealDeadline: bigint
  /** Share of each member's weight locked until settlement, in basis points (0 until drawn). */
  lockShareBps: number
  members: IndexedMember[]
  /** Finalized rounds: consensus score and band. */
  consensus: number | null
  /**
   * Finalized rounds: the evaluation digest carried by more than half of the in-band revealed
   * weight, the one buyers compare theirs with; zero when no digest had that majority.
   */
  digest: Hex | null
  bandLow: number | null
  bandHigh: number | null
  revealedWeight: bigint
  rewardedWeight: bigint
  returnedToPool: bigint
  refund: bigint
  contributorReward: { contributor: Address; amount: bigint } | null
  openedAt: EventPosition
}

export type IndexedChallenge = {
  id: bigint
  offenceId: Hex
  accused: Address
  challenger: Address
  kind: number
  bond: bigint
  deadline: bigint
  evidenceCid: Hex
  /** The accused's stake held in the StakeManager until the ruling or expiry. */
  held: bigint
  status: 'pending' | 'upheld' | 'rejected' | 'expired'
  escrowId: bigint
}

export type IndexedEscrow = {
  id: bigint
  offenceId: Hex
  account: Address
  challenger: Address
  amount: bigint
  releaseAt: bigint
  status: 'held' | 'released' | 'reversed'
}

/**
 * A signed offer the Marketplace has seen: listed at its first sale (`SignedOfferListed`) or
 * cancelled by its seller (`SignedOfferCancelled`), before or after listing.
 */
export type IndexedSignedOffer = {
  /** The offer it was listed as; 0 when it was cancelled before any sale. */
  offerId: bigint
  seller: Address
  /** Its nonce and deadline (0 for an offer cancelled before listing: that event does not carry them). */
  nonce: bigint
  deadline: bigint
  /**
   * Cancelled with `cancelSignedOffer`. A listed one is cancelled as an offer too (`OfferCancelled`);
   * the contract's `signedOfferStatus` reports `revoked` only for one cancelled before listing.
   */
  revoked: boolean
}

export type IndexedPosition = { owed: bigint; paid: bigint }

/** Revenue of one model in one token (`address(0)` is ETH). */
export type IndexedRevenue = {
  /** Paid in through `deposit` / `depositETH` (royalty inboxes included). */
  deposited: bigint
  /** The part of `deposited` swept from the model's royalty inbox (ERC-2981 royalties). */
  royalties: bigint
  /** License sales net of the protocol fee. */
  sales: bigint
  /** Credited to this model's split (its own revenue less upstream shares, plus shares from descendants). */
  credited: bigint
  /** Credited to the owner directly (no split, token not accepted, or dust flushed). */
  ownerCredited: bigint
  /** Claimed by recipients or the owner. */
  claimed: bigint
}

export type IndexedSplit = {
  modelId: Hex
  weights: Record<Address, number>
  totalWeight: number
  /** Accepted tokens in acceptance order (`acceptedTokens`). */
  tokens: Address[]
  /** Revenue per weight and dust, by token. */
  accumulators: Record<Address, { revenuePerWeight: bigint; dust: bigint }>
  /** By `${account}:${token}`. */
  positions: Record<string, IndexedPosition>
  /** Parent cached by `LineageSynced`, or null before the first sync. */
  syncedParent: Hex | null
  revenue: Record<Address, IndexedRevenue>
}

export type IndexedOffer = {
  id: bigint
  modelId: Hex
  seller: Address
  token: Address
  price: bigint
  duration: number
  supplyCap: number
  commercial: boolean
  signed: boolean
  termsCid: Hex
  cancelled: boolean
  /** Licenses sold (every sale; the contract's `sold` counts capped offers only). */
  sales: number
}

export type IndexedLicense = {
  modelId: Hex
  account: Address
  /** The latest purchase's offer, expiry and kind. */
  offerId: bigint
  expiresAt: bigint
  commercial: boolean
  /**
   * The license of each kind (`Marketplace.licenseOfKind`): a purchase writes its kind only, so an
   * account may hold a commercial and a non-commercial license side by side.
   */
  kinds: {
    commercial: { offerId: bigint; expiresAt: bigint } | null
    nonCommercial: { offerId: bigint; expiresAt: bigint } | null
  }
  /** Every purchase, oldest first. */
  purchases: (EventPosition & { price: bigint; fee: bigint })[]
}

export type IndexedReview = EventPosition & {
  modelId: Hex
  reviewer: Address
  rating: number
  /** Binary CIDv1 of the review's JSON document. */
  reviewCid: Hex
}

/** An empty state, as before the deployment. */
export function emptyState(): IndexedState {
  return {
    models: {},
    stakers: {},
    validatorSet: [],
    totals: { staked: 0n, unbonding: 0n },
    sortitionWeights: {},
    reputations: {},
    rounds: {},
    challenges: {},
    escrows: {},
    offences: {},
    splits: {},
    protocolFees: {},
    offers: {},
    signedOffers: {},
    minNonces: {},
    licenses: {},
    reviews: {},
    marketTreasury: null,
    royaltyInboxes: {},
    proposals: {},
    quorumNumerators: [],
  }
}
