import { type Address, getAddress, type Hex, toHex, zeroAddress } from 'viem'
import type { ProposalState } from '../actions/governance/proposal.js'
import { idKey } from './apply-log.js'
import type {
  IndexedChallenge,
  IndexedEscrow,
  IndexedLicense,
  IndexedMember,
  IndexedModel,
  IndexedProposal,
  IndexedRevenue,
  IndexedReview,
  IndexedRound,
  IndexedStaker,
  IndexedState,
} from './state.js'

export type ModelFilter = {
  owner?: Address | undefined
  kind?: 'model' | 'dataset' | undefined
  /** Direct children of this id. */
  parent?: Hex | bigint | undefined
  /** Only models whose latest evaluation scored at least this. */
  minScore?: number | undefined
  status?: 'active' | 'deprecated' | 'flagged' | undefined
}

export type ValidatorHistory = {
  staker: IndexedStaker | undefined
  inValidatorSet: boolean
  sortitionWeight: bigint
  /** Every round the account sat in, oldest first, with its ballot. */
  rounds: { round: IndexedRound; member: IndexedMember }[]
  /** Escrows holding its slashed stake. */
  escrows: IndexedEscrow[]
  /** Challenges that accused it, oldest first. */
  challenges: IndexedChallenge[]
  /** Scoring rewards claimed in total. */
  rewardsClaimed: bigint
  /** Scoring rewards it may still claim, across rounds (`rewardOf` summed). */
  rewardsClaimable: bigint
}

export type ModelRevenue = {
  /** By token (`address(0)` is ETH). */
  byToken: Record<Address, IndexedRevenue>
  licenses: IndexedLicense[]
}

export type IndexerQueries = {
  /** The model, or undefined when it is not registered. */
  model(id: Hex | bigint): IndexedModel | undefined
  /** Registered models matching every given field, in registration order. */
  modelsBy(filter?: ModelFilter): IndexedModel[]
  /** Ancestors of `id`, parent first (as `ModelRegistry.lineageOf`). */
  lineage(id: Hex | bigint, maxDepth?: number): Hex[]
  /** Direct children of `id`. */
  children(id: Hex | bigint): IndexedModel[]
  /** Stake, unbonding, slashes, rounds and escrows of a validator. */
  validatorHistory(account: Address): ValidatorHistory
  /** Revenue of a model by token, and its licenses. */
  modelRevenue(id: Hex | bigint): ModelRevenue
  /** What `account` can claim from `modelId`'s split in `token` (`RoyaltySplitter.claimable`). */
  claimable(id: Hex | bigint, token: Address, account: Address): bigint
  /** What `account` can claim in `token` across every split. */
  claimableTotal(account: Address, token?: Address): bigint
  /** A contributor's reputation in basis points (0, the floor, before its first rewarded round). */
  reputationOf(account: Address): bigint
  /** A round by id. */
  round(roundId: bigint): IndexedRound | undefined
  /** What `claimReward(roundId)` would pay `validator` now (`ScoringManager.rewardOf`). */
  rewardOf(roundId: bigint, validator: Address): bigint
  /** Where an offence stands (`Slasher.offenceStatus`). */
  offenceStatus(offenceId: Hex): 'none' | 'challenged' | 'slashed'
  /**
   * A signed offer by EIP-712 digest, as `Marketplace.signedOfferStatus` reports it: the offer id it
   * was listed as (0 before its first sale), and whether it was cancelled before being listed. (A
   * listed one that was cancelled has its offer cancelled; `getState().signedOffers` has both.)
   */
  signedOfferStatus(digest: Hex): { offerId: bigint; revoked: boolean }
  /** The smallest nonce of `seller`'s signed offers that is still valid (`Marketplace.minNonceOf`). */
  minNonceOf(seller: Address): bigint
  /** The license `account` holds on a model. */
  license(id: Hex | bigint, account: Address): IndexedLicense | undefined
  /** A model's reviews, one per licensee (the latest), oldest first. */
  reviews(id: Hex | bigint): IndexedReview[]
  /** A governor proposal, or undefined. */
  proposal(id: Hex | bigint): IndexedProposal | undefined
  /**
   * Where a proposal stands at `now` (seconds; the governor's clock is the token's timestamps), as
   * `DaimmGovernor.state` answers then; undefined for an unknown id or a quorum numerator never set.
   */
  proposalState(id: Hex | bigint, now: bigint): ProposalState | undefined
  /** The governor's quorum at a moment (`quorum(timepoint)`), or undefined before its numerator was set. */
  quorumAt(timepoint: bigint): bigint | undefined
}

/**
 * `DaimmToken` mints its whole supply at genesis and never mints or burns again, so its past total
 * supply at any moment after genesis is this constant (`TOTAL_SUPPLY`).
 */
const DAIMM_TOTAL_SUPPLY = 1_000_000_000n * 10n ** 18n
/** `GovernorVotesQuorumFraction.quorumDenominator`. */
const QUORUM_DENOMINATOR = 100n

const key = (id: Hex | bigint): Hex =>
  typeof id === 'bigint' ? idKey(id) : toHex(BigInt(id), { size: 32 })

/** Query helpers over the indexer's current state. */
export function createQueries(state: () => IndexedState): IndexerQueries {
  const models = () => Object.values(state().models).filter((m) => m.id !== undefined)
  const queries: IndexerQueries = {
    model: (id) => {
      const m = state().models[key(id)]
      return m?.id === undefined ? undefined : m
    },
    modelsBy({ owner, kind, parent, minScore, status } = {}) {
      const parentKey = parent === undefined ? undefined : key(parent)
      const ownerKey = owner && getAddress(owner)
      return models()
        .filter(
          (m) =>
            (ownerKey === undefined || m.owner === ownerKey) &&
            (kind === undefined || m.kind === kind) &&
            (parentKey === undefined || m.parent === parentKey) &&
            (minScore === undefined || (m.evaluation?.score ?? 0) >= minScore) &&
            (status === undefined || m.status === status),
        )
        .sort((a, b) =>
          a.registeredAt === b.registeredAt
            ? Number((a.transfers[0]?.blockNumber ?? 0n) - (b.transfers[0]?.blockNumber ?? 0n))
            : Number(a.registeredAt - b.registeredAt),
        )
    },
    lineage(id, maxDepth = 64) {
      const ancestors: Hex[] = []
      let parent = queries.model(id)?.parent ?? null
      while (parent && ancestors.length < maxDepth) {
        ancestors.push(parent)
        parent = state().models[parent]?.parent ?? null
      }
      return ancestors
    },
    children: (id) => queries.modelsBy({ parent: id }),
    validatorHistory(account) {
      const address = getAddress(account)
      const s = state()
      const rounds = Object.values(s.rounds)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .flatMap((round) => {
          const member = round.members.find((m) => m.validator === address)
          return member ? [{ round, member }] : []
        })
      return {
        staker: s.stakers[address],
        inValidatorSet: s.validatorSet.includes(address),
        sortitionWeight: s.sortitionWeights[address] ?? 0n,
        rounds,
        escrows: Object.values(s.escrows).filter((e) => e.account === address),
        challenges: Object.values(s.challenges)
          .filter((c) => c.accused === address)
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
        rewardsClaimed: rounds.reduce((sum, { member }) => sum + member.reward, 0n),
        rewardsClaimable: rounds.reduce((sum, { member }) => sum + member.claimable, 0n),
      }
    },
    modelRevenue(id) {
      const k = key(id)
      return {
        byToken: { ...(state().splits[k]?.revenue ?? {}) },
        licenses: Object.values(state().licenses).filter((l) => l.modelId === k),
      }
    },
    claimable(id, token, account) {
      const split = state().splits[key(id)]
      if (!split) return 0n
      const address = getAddress(account)
      const tokenKey = getAddress(token)
      const position = split.positions[`${address}:${tokenKey}`]
      const weight = BigInt(split.weights[address] ?? 0)
      const rpw = split.accumulators[tokenKey]?.revenuePerWeight ?? 0n
      return (position?.owed ?? 0n) + weight * (rpw - (position?.paid ?? 0n))
    },
    claimableTotal(account, token = zeroAddress) {
      const address = getAddress(account)
      let total = state().protocolFees[`${address}:${getAddress(token)}`] ?? 0n
      for (const split of Object.values(state().splits))
        total += queries.claimable(split.modelId, token, address)
      return total
    },
    reputationOf: (account) => state().reputations[getAddress(account)] ?? 0n,
    round: (roundId) => state().rounds[roundId.toString()],
    rewardOf: (roundId, validator) =>
      queries.round(roundId)?.members.find((m) => m.validator === getAddress(validator))
        ?.claimable ?? 0n,
    offenceStatus: (offenceId) => state().offences[offenceId.toLowerCase() as Hex] ?? 'none',
    signedOfferStatus(digest) {
      const entry = state().signedOffers[digest.toLowerCase() as Hex]
      if (!entry) return { offerId: 0n, revoked: false }
      return entry.offerId === 0n
        ? { offerId: 0n, revoked: entry.revoked }
        : { offerId: entry.offerId, revoked: false }
    },
    minNonceOf: (seller) => state().minNonces[getAddress(seller)] ?? 0n,
    license: (id, account) => state().licenses[`${key(id)}:${getAddress(account)}`],
    proposal: (id) => state().proposals?.[key(id)],
    quorumAt(timepoint) {
      let numerator: bigint | undefined
      for (const q of state().quorumNumerators ?? [])
        if (q.since <= timepoint) numerator = q.numerator
      return numerator === undefined
        ? undefined
        : (DAIMM_TOTAL_SUPPLY * numerator) / QUORUM_DENOMINATOR
    },
    proposalState(id, now) {
      const p = queries.proposal(id)
      if (!p) return undefined
      if (p.stage === 'executed' || p.stage === 'canceled') return p.stage
      if (p.voteStart >= now) return 'pending'
      if (p.voteEnd >= now) return 'active'
      const quorum = queries.quorumAt(p.voteStart)
      if (quorum === undefined) return undefined
      if (p.votes.for + p.votes.abstain < quorum || p.votes.for <= p.votes.against)
        return 'defeated'
      return p.stage === 'queued' ? 'queued' : 'succeeded'
    },
    reviews: (id) => {
      const k = key(id)
      return Object.values(state().reviews ?? {})
        .filter((r) => r.modelId === k)
        .sort((a, b) =>
          a.blockNumber === b.blockNumber
            ? a.logIndex - b.logIndex
            : Number(a.blockNumber - b.blockNumber),
        )
    },
  }
  return queries
}
