import { type Address, type Hex, toHex, zeroAddress } from 'viem'
import { assetKinds, modelStatuses, relations } from '../actions/registry/types.js'
import type {
  BallotState,
  EventPosition,
  IndexedLicense,
  IndexedModel,
  IndexedRevenue,
  IndexedRound,
  IndexedSplit,
  IndexedStaker,
  IndexedState,
} from './state.js'

/** The contracts whose events the indexer replays. */
export type IndexedContract =
  | 'registry'
  | 'stakeManager'
  | 'slasher'
  | 'scoring'
  | 'sortitionPool'
  | 'splitter'
  | 'market'
  | 'inboxFactory'
  | 'governor'

/** One decoded event, with where it happened. */
export type IndexedLog = EventPosition & {
  contract: IndexedContract
  eventName: string
  args: Record<string, unknown>
  blockHash: Hex
  /** Seconds: the timestamp of the log's block. */
  blockTimestamp: bigint
}

/** A token id (uint256) as the 32-byte hex key of `state.models`. */
export const idKey = (id: bigint): Hex => toHex(id, { size: 32 })

/** Applies one event to the state, in place. Events must come in chain order. */
export function applyLog(state: IndexedState, log: IndexedLog, context: ApplyContext): void {
  const handler = handlers[log.contract][log.eventName]
  handler?.(state, log, log.args, context)
}

/** What `applyLog` carries from one event to the next. */
export type ApplyContext = {
  /** Ids being superseded: their next `ModelRegistered` keeps the old record's time, flag and evaluation. */
  superseding: Set<Hex>
}

type Handler = (
  state: IndexedState,
  log: IndexedLog,
  // biome-ignore lint/suspicious/noExplicitAny: event arguments, typed by the ABI they were decoded with
  args: any,
  context: ApplyContext,
) => void

const at = (log: IndexedLog): EventPosition => ({
  blockNumber: log.blockNumber,
  transactionHash: log.transactionHash,
  logIndex: log.logIndex,
})

function staker(state: IndexedState, account: Address): IndexedStaker {
  let entry = state.stakers[account]
  if (!entry) {
    entry = {
      account,
      stake: 0n,
      unbonding: [],
      locked: 0n,
      registeredValidator: false,
      slashes: [],
      withdrawn: 0n,
    }
    state.stakers[account] = entry
  }
  return entry
}

function split(state: IndexedState, modelId: bigint): IndexedSplit {
  const key = idKey(modelId)
  let entry = state.splits[key]
  if (!entry) {
    entry = {
      modelId: key,
      weights: {},
      totalWeight: 0,
      tokens: [],
      accumulators: {},
      positions: {},
      syncedParent: null,
      revenue: {},
    }
    state.splits[key] = entry
  }
  return entry
}

function revenue(entry: IndexedSplit, token: Address): IndexedRevenue {
  let r = entry.revenue[token]
  if (!r) {
    r = { deposited: 0n, royalties: 0n, sales: 0n, credited: 0n, ownerCredited: 0n, claimed: 0n }
    entry.revenue[token] = r
  }
  return r
}

function position(entry: IndexedSplit, account: Address, token: Address) {
  const key = `${account}:${token}`
  let p = entry.positions[key]
  if (!p) {
    p = { owed: 0n, paid: 0n }
    entry.positions[key] = p
  }
  return p
}

const rpwOf = (entry: IndexedSplit, token: Address) =>
  entry.accumulators[token]?.revenuePerWeight ?? 0n

function round(state: IndexedState, roundId: bigint): IndexedRound | undefined {
  return state.rounds[roundId.toString()]
}

function member(state: IndexedState, roundId: bigint, validator: Address) {
  return round(state, roundId)?.members.find((m) => m.validator === validator)
}

function setBallot(state: IndexedState, roundId: bigint, validator: Address, s: BallotState) {
  const m = member(state, roundId, validator)
  if (m) m.state = s
}

const registry: Record<string, Handler> = {
  RegistrationSuperseded(_state, _log, { id }, context) {
    context.superseding.add(idKey(id))
  },
  ModelRegistered(state, log, a, context) {
    const id = idKey(a.id)
    const previous = state.models[id]
    const superseded = context.superseding.delete(id) && previous !== undefined
    const model: IndexedModel = {
      id,
      owner: a.publisher,
      publisher: a.publisher,
      artifactCid: a.artifactCid,
      metadataCid: a.metadataCid,
      kind: assetKinds[a.kind] ?? 'dataset',
      parent: a.parent === 0n ? null : idKey(a.parent),
      relation: relations[a.relation] ?? 'none',
      status: superseded && previous.status === 'flagged' ? 'flagged' : 'active',
      committed: a.committed,
      registeredAt: superseded ? previous.registeredAt : log.blockTimestamp,
      evaluation: superseded ? previous.evaluation : null,
      // Reviews belong to the id: a supersession keeps them.
      rating: previous?.rating ?? { count: 0, sum: 0 },
      metadataHistory: [
        ...(superseded ? previous.metadataHistory : []),
        { ...at(log), metadataCid: a.metadataCid },
      ],
      transfers: previous?.transfers ?? [],
    }
    state.models[id] = model
  },
  Transfer(state, log, { from, to, id: tokenId }) {
    const id = idKey(tokenId)
    const model = state.models[id]
    const transfer = { ...at(log), from, to }
    if (model) {
      model.owner = to
      model.transfers.push(transfer)
    } else {
      // The mint comes before `ModelRegistered`: keep it for the record that follows.
      state.models[id] = { transfers: [transfer], owner: to } as IndexedModel
    }
  },
  MetadataUpdated(state, log, { id, metadataCid }) {
    const model = state.models[idKey(id)]
    if (!model) return
    model.metadataCid = metadataCid
    model.metadataHistory.push({ ...at(log), metadataCid })
  },
  StatusChanged(state, _log, { id, status }) {
    const model = state.models[idKey(id)]
    if (model) model.status = modelStatuses[status] ?? 'active'
  },
  EvaluationRecorded(state, log, { id, roundId, benchmarkId, score, digest }) {
    const model = state.models[idKey(id)]
    if (model)
      model.evaluation = { score, roundId, benchmarkId, evaluatedAt: log.blockTimestamp, digest }
  },
}

const stakeManager: Record<string, Handler> = {
  Staked(state, _log, { account, amount, newStake }) {
    staker(state, account).stake = newStake
    state.totals.staked += amount
  },
  UnstakeRequested(state, _log, { account, amount, releaseAt, newStake }) {
    const s = staker(state, account)
    s.stake = newStake
    s.unbonding.push({ amount, releaseAt })
    state.totals.staked -= amount
    state.totals.unbonding += amount
  },
  Withdrawn(state, _log, { account, amount, requests }) {
    const s = staker(state, account)
    s.unbonding.splice(0, Number(requests))
    s.withdrawn += amount
    state.totals.unbonding -= amount
  },
  StakeLocked(state, _log, { account, newLocked }) {
    staker(state, account).locked = newLocked
  },
  StakeUnlocked(state, _log, { account, newLocked }) {
    staker(state, account).locked = newLocked
  },
  Slashed(state, log, { account, offenceId, requested, fromActive, fromUnbonding }) {
    const s = staker(state, account)
    s.stake -= fromActive
    state.totals.staked -= fromActive
    state.totals.unbonding -= fromUnbonding
    // Newest request first; a request brought to zero leaves the queue.
    let rest = fromUnbonding as bigint
    while (rest > 0n && s.unbonding.length > 0) {
      const last = s.unbonding[s.unbonding.length - 1] as { amount: bigint }
      // biome-ignore lint/complexity/useMathMinMax: bigints
      const taken = last.amount < rest ? last.amount : rest
      last.amount -= taken
      rest -= taken
      if (last.amount === 0n) s.unbonding.pop()
    }
    s.slashes.push({ ...at(log), offenceId, requested, fromActive, fromUnbonding })
  },
  ValidatorRegistered(state, _log, { account }) {
    staker(state, account).registeredValidator = true
  },
  ValidatorDeregistered(state, _log, { account }) {
    staker(state, account).registeredValidator = false
  },
  ValidatorActivated(state, _log, { account }) {
    state.validatorSet.push(account)
  },
  ValidatorDeactivated(state, _log, { position }) {
    // Swap and pop, as the contract does.
    const index = Number(position) - 1
    const last = state.validatorSet.pop()
    if (last !== undefined && index < state.validatorSet.length) state.validatorSet[index] = last
  },
}

const sortitionPool: Record<string, Handler> = {
  WeightSet(state, _log, { validator, weight }) {
    if (weight === 0n) delete state.sortitionWeights[validator]
    else state.sortitionWeights[validator] = weight
  },
}

const scoring: Record<string, Handler> = {
  RoundOpened(state, log, a) {
    state.rounds[a.roundId.toString()] = {
      id: a.roundId,
      subjectId: idKey(a.subjectId),
      subjectOwner: a.subjectOwner,
      kind: assetKinds[a.kind] ?? 'dataset',
      funder: a.funder,
      benchmarkId: a.benchmarkId,
      datasetCid: a.datasetCid,
      metricId: a.metricId,
      budget: a.budget,
      committeeSize: Number(a.committeeSize),
      snapshotAt: a.snapshotAt,
      seedBlock: a.seedBlock,
      status: 'open',
      seed: null,
      seats: 0,
      commitDeadline: 0n,
      revealDeadline: 0n,
      lockShareBps: 0,
      members: [],
      consensus: null,
      digest: null,
      bandLow: null,
      bandHigh: null,
      revealedWeight: 0n,
      rewardedWeight: 0n,
      returnedToPool: 0n,
      refund: 0n,
      contributorReward: null,
      openedAt: at(log),
    }
  },
  MemberDrawn(state, _log, { roundId, validator, seat, weight, locked }) {
    round(state, roundId)?.members.push({
      validator,
      seat: Number(seat),
      weight,
      locked,
      state: 'drawn',
      commitment: null,
      digest: null,
      score: null,
      reward: 0n,
      claimable: 0n,
      reported: null,
    })
  },
  CommitteeDrawn(
    state,
    _log,
    { roundId, seed, seats, commitDeadline, revealDeadline, lockShareBps },
  ) {
    const r = round(state, roundId)
    if (!r) return
    Object.assign(r, {
      status: 'drawn',
      seed,
      seats: Number(seats),
      commitDeadline,
      revealDeadline,
      lockShareBps: Number(lockShareBps),
    })
  },
  ScoreCommitted(state, _log, { roundId, validator, commitment }) {
    const m = member(state, roundId, validator)
    if (!m) return
    m.commitment = commitment
    m.state = 'committed'
  },
  ScoreAbstained(state, _log, { roundId, validator }) {
    const m = member(state, roundId, validator)
    if (m) m.state = 'abstained'
  },
  ScoreRevealed(state, _log, { roundId, validator, score, digest }) {
    const m = member(state, roundId, validator)
    if (!m) return
    m.score = Number(score)
    m.digest = digest
    m.state = 'revealed'
  },
  RoundFinalized(state, _log, a) {
    const r = round(state, a.roundId)
    if (!r) return
    Object.assign(r, {
      status: 'finalized',
      consensus: Number(a.score),
      digest: a.digest,
      bandLow: Number(a.bandLow),
      bandHigh: Number(a.bandHigh),
      revealedWeight: a.revealedWeight,
      rewardedWeight: a.rewardedWeight,
      returnedToPool: a.returnedToPool,
    })
    // What each member may claim (`rewardOf`): revealed in the band, a share of the budget by weight.
    for (const m of r.members)
      if (
        m.state === 'revealed' &&
        m.score !== null &&
        m.score !== 0 &&
        m.score >= Number(a.bandLow) &&
        m.score <= Number(a.bandHigh) &&
        a.rewardedWeight !== 0n
      )
        m.claimable = (r.budget * m.weight) / a.rewardedWeight
  },
  RoundFailed(state, _log, { roundId, revealedWeight, refund }) {
    const r = round(state, roundId)
    if (r) Object.assign(r, { status: 'failed', revealedWeight, refund })
  },
  MemberReported(state, _log, { roundId, validator, kind, offenceId, escrowId, slashed }) {
    const m = member(state, roundId, validator)
    if (!m) return
    m.state = 'reported'
    m.reported = { kind, offenceId, escrowId, slashed }
  },
  ContributorRewarded(state, _log, { roundId, contributor, amount, reputation }) {
    state.reputations[contributor] = reputation
    const r = round(state, roundId)
    if (r) r.contributorReward = { contributor, amount }
  },
  RewardClaimed(state, _log, { roundId, validator, amount }) {
    const m = member(state, roundId, validator)
    if (!m) return
    m.reward = amount
    m.claimable = 0n
    setBallot(state, roundId, validator, 'claimed')
  },
}

const slasher: Record<string, Handler> = {
  OffenceReported(state, _log, { offenceId }) {
    state.offences[offenceId as Hex] = 'slashed'
  },
  ChallengeOpened(state, _log, a) {
    state.offences[a.offenceId as Hex] = 'challenged'
    state.challenges[a.challengeId.toString()] = {
      id: a.challengeId,
      offenceId: a.offenceId,
      accused: a.accused,
      challenger: a.challenger,
      kind: a.kind,
      bond: a.bond,
      deadline: a.deadline,
      evidenceCid: a.evidenceCid,
      held: a.held,
      status: 'pending',
      escrowId: 0n,
    }
  },
  ChallengeUpheld(state, _log, { challengeId, offenceId, escrowId }) {
    state.offences[offenceId as Hex] = 'slashed'
    const c = state.challenges[challengeId.toString()]
    if (c) Object.assign(c, { status: 'upheld', escrowId })
  },
  ChallengeRejected(state, _log, { challengeId, offenceId }) {
    // The offence may be challenged again.
    delete state.offences[offenceId as Hex]
    const c = state.challenges[challengeId.toString()]
    if (c) c.status = 'rejected'
  },
  ChallengeExpired(state, _log, { challengeId, offenceId }) {
    delete state.offences[offenceId as Hex]
    const c = state.challenges[challengeId.toString()]
    if (c) c.status = 'expired'
  },
  SlashEscrowed(state, _log, a) {
    state.escrows[a.escrowId.toString()] = {
      id: a.escrowId,
      offenceId: a.offenceId,
      account: a.account,
      challenger: a.challenger,
      amount: a.amount,
      releaseAt: a.releaseAt,
      status: 'held',
    }
  },
  SlashReversed(state, _log, { escrowId }) {
    const e = state.escrows[escrowId.toString()]
    if (e) e.status = 'reversed'
  },
  SlashReleased(state, _log, { escrowId }) {
    const e = state.escrows[escrowId.toString()]
    if (e) e.status = 'released'
  },
}

const splitter: Record<string, Handler> = {
  WeightSet(state, _log, { modelId, account, weight, totalWeight }) {
    const s = split(state, modelId)
    const previous = BigInt(s.weights[account] ?? 0)
    // Settles the account at its old weight in every accepted token, as `_setWeight` does.
    for (const token of s.tokens) {
      const p = position(s, account, token)
      const rpw = rpwOf(s, token)
      p.owed += previous * (rpw - p.paid)
      p.paid = rpw
    }
    if (weight === 0) delete s.weights[account]
    else s.weights[account] = weight
    s.totalWeight = totalWeight
  },
  TokenAccepted(state, _log, { modelId, token }) {
    const s = split(state, modelId)
    s.tokens.push(token)
    s.accumulators[token] ??= { revenuePerWeight: 0n, dust: 0n }
  },
  LineageSynced(state, _log, { modelId, parent }) {
    split(state, modelId).syncedParent = parent === 0n ? null : idKey(parent)
  },
  Deposited(state, _log, { modelId, token, depositor, amount }) {
    const r = revenue(split(state, modelId), token)
    r.deposited += amount
    if (depositor === state.royaltyInboxes[idKey(modelId)]) r.royalties += amount
  },
  RevenueCredited(state, _log, { modelId, token, amount, revenuePerWeight, dust }) {
    const s = split(state, modelId)
    s.accumulators[token] = { revenuePerWeight, dust }
    revenue(s, token).credited += amount
  },
  OwnerCredited(state, _log, { modelId, token, owner, amount }) {
    const s = split(state, modelId)
    position(s, owner, token).owed += amount
    revenue(s, token).ownerCredited += amount
  },
  DustFlushed(state, _log, { modelId, token, owner, amount }) {
    // `setWeights` emptied the split: its dust goes to the owner, and the split's dust is 0.
    const s = split(state, modelId)
    position(s, owner, token).owed += amount
    revenue(s, token).ownerCredited += amount
    const accumulator = s.accumulators[token]
    if (accumulator) accumulator.dust = 0n
  },
  Claimed(state, _log, { modelId, token, account, amount }) {
    if (modelId === 0n) {
      // PROTOCOL_FEES: a treasury swept its fees.
      const key = `${account}:${token}`
      state.protocolFees[key] = (state.protocolFees[key] ?? 0n) - amount
      return
    }
    const s = split(state, modelId)
    const p = position(s, account, token)
    p.owed = 0n
    if (s.weights[account]) p.paid = rpwOf(s, token)
    revenue(s, token).claimed += amount
  },
}

const market: Record<string, Handler> = {
  OfferPublished(state, _log, a) {
    state.offers[a.offerId.toString()] = {
      id: a.offerId,
      modelId: idKey(a.modelId),
      seller: a.seller,
      token: a.token,
      price: a.price,
      duration: a.duration,
      supplyCap: a.supplyCap,
      commercial: a.commercial,
      signed: a.signed,
      termsCid: a.termsCid,
      cancelled: false,
      sales: 0,
    }
  },
  SignedOfferListed(state, _log, { digest, offerId, nonce, deadline }) {
    // `OfferPublished` of the same offer came just before, with its seller.
    const seller = state.offers[offerId.toString()]?.seller ?? zeroAddress
    state.signedOffers[digest as Hex] = { offerId, seller, nonce, deadline, revoked: false }
  },
  OfferCancelled(state, _log, { offerId }) {
    const o = state.offers[offerId.toString()]
    if (o) o.cancelled = true
  },
  SignedOfferCancelled(state, _log, { digest, seller }) {
    const key = digest as Hex
    const entry = state.signedOffers[key]
    if (entry) entry.revoked = true
    else state.signedOffers[key] = { offerId: 0n, seller, nonce: 0n, deadline: 0n, revoked: true }
  },
  NoncesInvalidated(state, _log, { seller, minNonce }) {
    state.minNonces[seller] = minNonce
  },
  LicensePurchased(
    state,
    log,
    { modelId, buyer, offerId, token, price, fee, treasury, expiresAt },
  ) {
    const offer = state.offers[offerId.toString()]
    const key = `${idKey(modelId)}:${buyer}`
    const license: IndexedLicense = state.licenses[key] ?? {
      modelId: idKey(modelId),
      account: buyer,
      offerId,
      expiresAt,
      commercial: false,
      kinds: { commercial: null, nonCommercial: null },
      purchases: [],
    }
    const commercial = offer?.commercial ?? false
    Object.assign(license, { offerId, expiresAt, commercial })
    license.kinds[commercial ? 'commercial' : 'nonCommercial'] = { offerId, expiresAt }
    license.purchases.push({ ...at(log), price, fee })
    state.licenses[key] = license
    revenue(split(state, modelId), token).sales += (price as bigint) - (fee as bigint)
    // The event names the treasury credited with the fee (`collectSale` emits nothing).
    if (fee !== 0n) {
      const feeKey = `${treasury}:${token}`
      state.protocolFees[feeKey] = (state.protocolFees[feeKey] ?? 0n) + fee
    }
    if (offer) offer.sales += 1
  },
  TreasurySet(state, _log, { treasury }) {
    state.marketTreasury = treasury
  },
  Reviewed(state, log, { modelId, reviewer, rating, previousRating, reviewCid }) {
    const id = idKey(modelId)
    const model = state.models[id]
    if (model) {
      model.rating ??= { count: 0, sum: 0 }
      if (previousRating === 0) model.rating.count += 1
      model.rating.sum += Number(rating) - Number(previousRating)
    }
    state.reviews[`${id}:${reviewer}`] = {
      ...at(log),
      modelId: id,
      reviewer,
      rating: Number(rating),
      reviewCid,
    }
  },
}

/** Only inboxes of this deployment's splitter reach here (the indexer filters the others out). */
const inboxFactory: Record<string, Handler> = {
  InboxDeployed(state, _log, { modelId, inbox }) {
    state.royaltyInboxes[idKey(modelId)] = inbox
  },
}

/** `GovernorCountingSimple`'s support values. */
const SUPPORT = ['against', 'for', 'abstain'] as const

function vote(state: IndexedState, { proposalId, support, weight }: Record<string, unknown>) {
  const proposal = state.proposals?.[idKey(proposalId as bigint)]
  if (!proposal) return
  const side = SUPPORT[Number(support)]
  if (side) proposal.votes[side] += weight as bigint
  proposal.voters += 1
}

const governor: Record<string, Handler> = {
  ProposalCreated(
    state,
    log,
    { proposalId, proposer, targets, values, calldatas, voteStart, voteEnd, description },
  ) {
    state.proposals ??= {}
    state.proposals[idKey(proposalId)] = {
      id: proposalId,
      proposer,
      calls: (targets as Address[]).map((target, i) => ({
        target,
        value: (values as bigint[])[i] ?? 0n,
        data: (calldatas as Hex[])[i] ?? '0x',
      })),
      description,
      voteStart,
      voteEnd,
      votes: { against: 0n, for: 0n, abstain: 0n },
      voters: 0,
      stage: 'created',
      eta: null,
      createdAt: at(log),
    }
  },
  VoteCast: (state, _log, args) => vote(state, args),
  VoteCastWithParams: (state, _log, args) => vote(state, args),
  ProposalQueued(state, _log, { proposalId, etaSeconds }) {
    const proposal = state.proposals?.[idKey(proposalId)]
    if (!proposal) return
    proposal.stage = 'queued'
    proposal.eta = etaSeconds
  },
  ProposalExecuted(state, _log, { proposalId }) {
    const proposal = state.proposals?.[idKey(proposalId)]
    if (proposal) proposal.stage = 'executed'
  },
  ProposalCanceled(state, _log, { proposalId }) {
    const proposal = state.proposals?.[idKey(proposalId)]
    if (proposal) proposal.stage = 'canceled'
  },
  QuorumNumeratorUpdated(state, log, { newQuorumNumerator }) {
    state.quorumNumerators ??= []
    state.quorumNumerators.push({ since: log.blockTimestamp, numerator: newQuorumNumerator })
  },
}

const handlers: Record<IndexedContract, Record<string, Handler>> = {
  registry,
  stakeManager,
  slasher,
  scoring,
  sortitionPool,
  splitter,
  market,
  inboxFactory,
  governor,
}

/** `address(0)`: ETH in the splitter and the Marketplace. */
export const ETH = zeroAddress

/**
 * The records `applyLog` may read or write for `log`: keys of the state's record fields (as
 * `[field, key]`), and the single-value fields (`totals`, `validatorSet`…). A store that keeps only
 * part of the state in memory loads these before applying the log: applying it to a state holding
 * them (and every single-value field) gives those records what the whole state would.
 */
export function keysOf(log: IndexedLog): { records: [string, string][]; fields: string[] } {
  // biome-ignore lint/suspicious/noExplicitAny: event arguments, typed by the ABI they were decoded with
  const a = log.args as any
  const records: [string, string][] = []
  const fields: string[] = []
  const r = (field: string, key: string) => records.push([field, key])
  const model = (id: bigint) => r('models', idKey(id))
  const splitOf = (id: bigint) => r('splits', idKey(id))
  switch (`${log.contract}.${log.eventName}`) {
    case 'registry.ModelRegistered':
    case 'registry.Transfer':
    case 'registry.MetadataUpdated':
    case 'registry.StatusChanged':
    case 'registry.EvaluationRecorded':
      model(a.id)
      break
    case 'stakeManager.Staked':
    case 'stakeManager.UnstakeRequested':
    case 'stakeManager.Withdrawn':
    case 'stakeManager.Slashed':
      r('stakers', a.account)
      fields.push('totals')
      break
    case 'stakeManager.StakeLocked':
    case 'stakeManager.StakeUnlocked':
    case 'stakeManager.ValidatorRegistered':
    case 'stakeManager.ValidatorDeregistered':
      r('stakers', a.account)
      break
    case 'stakeManager.ValidatorActivated':
    case 'stakeManager.ValidatorDeactivated':
      fields.push('validatorSet')
      break
    case 'sortitionPool.WeightSet':
      r('sortitionWeights', a.validator)
      break
    case 'scoring.ContributorRewarded':
      r('reputations', a.contributor)
      r('rounds', a.roundId.toString())
      break
    case 'slasher.OffenceReported':
      r('offences', a.offenceId)
      break
    case 'slasher.ChallengeOpened':
    case 'slasher.ChallengeUpheld':
    case 'slasher.ChallengeRejected':
    case 'slasher.ChallengeExpired':
      r('offences', a.offenceId)
      r('challenges', a.challengeId.toString())
      break
    case 'slasher.SlashEscrowed':
    case 'slasher.SlashReversed':
    case 'slasher.SlashReleased':
      r('escrows', a.escrowId.toString())
      break
    case 'splitter.Deposited':
      splitOf(a.modelId)
      r('royaltyInboxes', idKey(a.modelId))
      break
    case 'splitter.Claimed':
      if (a.modelId === 0n) r('protocolFees', `${a.account}:${a.token}`)
      else splitOf(a.modelId)
      break
    case 'market.OfferPublished':
    case 'market.OfferCancelled':
      r('offers', a.offerId.toString())
      break
    case 'market.SignedOfferListed':
      r('offers', a.offerId.toString())
      r('signedOffers', a.digest)
      break
    case 'market.SignedOfferCancelled':
      r('signedOffers', a.digest)
      break
    case 'market.NoncesInvalidated':
      r('minNonces', a.seller)
      break
    case 'market.LicensePurchased':
      r('offers', a.offerId.toString())
      r('licenses', `${idKey(a.modelId)}:${a.buyer}`)
      splitOf(a.modelId)
      r('protocolFees', `${a.treasury}:${a.token}`)
      break
    case 'market.TreasurySet':
      fields.push('marketTreasury')
      break
    case 'market.Reviewed':
      model(a.modelId)
      r('reviews', `${idKey(a.modelId)}:${a.reviewer}`)
      break
    case 'inboxFactory.InboxDeployed':
      r('royaltyInboxes', idKey(a.modelId))
      break
    case 'governor.QuorumNumeratorUpdated':
      fields.push('quorumNumerators')
      break
    default:
      // The other events of these contracts name their round, split or proposal.
      if (log.contract === 'scoring' && a.roundId !== undefined) r('rounds', a.roundId.toString())
      else if (log.contract === 'splitter' && a.modelId !== undefined) splitOf(a.modelId)
      else if (log.contract === 'governor' && a.proposalId !== undefined)
        r('proposals', idKey(a.proposalId))
  }
  return { records, fields }
}
