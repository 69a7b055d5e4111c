import { recordCalls } from './actions/calls.js'
import {
  type Call,
  createDaimmContext,
  type DaimmContext,
  type PublicClientLike,
  type SenderParameters,
  type TxOptions,
  type WalletClientLike,
} from './actions/context.js'
import { castVote } from './actions/governance/castVote.js'
import { claimAirdrop } from './actions/governance/claimAirdrop.js'
import { delegateVotes } from './actions/governance/delegateVotes.js'
import { executeProposal } from './actions/governance/executeProposal.js'
import { type GetProposalParameters, getProposal } from './actions/governance/getProposal.js'
import {
  type GetProposalStateParameters,
  getProposalState,
} from './actions/governance/getProposalState.js'
import {
  type GetVotingPowerParameters,
  getVotingPower,
} from './actions/governance/getVotingPower.js'
import { propose } from './actions/governance/propose.js'
import { queueProposal } from './actions/governance/queueProposal.js'
import { buyLicense } from './actions/market/buyLicense.js'
import { buyWithSignature } from './actions/market/buyWithSignature.js'
import { cancelOffer } from './actions/market/cancelOffer.js'
import { cancelSignedOffer } from './actions/market/cancelSignedOffer.js'
import { type GetLicenseParameters, getLicense } from './actions/market/getLicense.js'
import { type GetOfferParameters, getOffer } from './actions/market/getOffer.js'
import { type GetRatingParameters, getRating } from './actions/market/getRating.js'
import {
  type HasValidLicenseParameters,
  hasValidLicense,
} from './actions/market/hasValidLicense.js'
import { invalidateNonces } from './actions/market/invalidateNonces.js'
import { publishOffer } from './actions/market/publishOffer.js'
import { review } from './actions/market/review.js'
import { type SignOfferParameters, signOffer } from './actions/market/signOffer.js'
import { type WatchLicensesParameters, watchLicenses } from './actions/market/watchLicenses.js'
import { type WatchOffersParameters, watchOffers } from './actions/market/watchOffers.js'
import type { ReadParameters } from './actions/read.js'
import {
  type CheckRegistrationParameters,
  checkRegistration,
} from './actions/registry/checkRegistration.js'
import { commitRegistration } from './actions/registry/commitRegistration.js'
import { deprecateModel } from './actions/registry/deprecateModel.js'
import { type GetLineageParameters, getLineage } from './actions/registry/getLineage.js'
import { type GetModelParameters, getModel } from './actions/registry/getModel.js'
import { registerCommitted } from './actions/registry/registerCommitted.js'
import { registerModel } from './actions/registry/registerModel.js'
import { registerWithSignature } from './actions/registry/registerWithSignature.js'
import {
  type SignRegistrationParameters,
  signRegistration,
} from './actions/registry/signRegistration.js'
import { updateModelMetadata } from './actions/registry/updateModelMetadata.js'
import { acceptToken } from './actions/royalties/acceptToken.js'
import { claimRoyalties } from './actions/royalties/claimRoyalties.js'
import { depositRevenue } from './actions/royalties/depositRevenue.js'
import { type GetClaimableParameters, getClaimable } from './actions/royalties/getClaimable.js'
import { type GetSplitParameters, getSplit } from './actions/royalties/getSplit.js'
import { setWeights } from './actions/royalties/setWeights.js'
import { sweepInbox } from './actions/royalties/sweepInbox.js'
import { sweepProtocolFees } from './actions/royalties/sweepProtocolFees.js'
import { claimScoringReward } from './actions/scoring/claimScoringReward.js'
import { commitScore } from './actions/scoring/commitScore.js'
import { drawCommittee } from './actions/scoring/drawCommittee.js'
import { finalizeRound } from './actions/scoring/finalizeRound.js'
import { fundRewardPool } from './actions/scoring/fundRewardPool.js'
import { type GetBallotParameters, getBallot } from './actions/scoring/getBallot.js'
import { type GetCommitteeParameters, getCommittee } from './actions/scoring/getCommittee.js'
import { type GetReputationParameters, getReputation } from './actions/scoring/getReputation.js'
import { getRewardPool } from './actions/scoring/getRewardPool.js'
import { type GetRoundParameters, getRound } from './actions/scoring/getRound.js'
import { getScoringParameters } from './actions/scoring/getScoringParameters.js'
import {
  type GetScoringRewardParameters,
  getScoringReward,
} from './actions/scoring/getScoringReward.js'
import { openRound } from './actions/scoring/openRound.js'
import { releaseContributorReward } from './actions/scoring/releaseContributorReward.js'
import { reportOffenders } from './actions/scoring/reportOffenders.js'
import { revealScore } from './actions/scoring/revealScore.js'
import { updateSortitionWeight } from './actions/scoring/updateSortitionWeight.js'
import { type WatchRoundsParameters, watchRounds } from './actions/scoring/watchRounds.js'
import { expireChallenge } from './actions/slashing/expireChallenge.js'
import { type GetChallengeParameters, getChallenge } from './actions/slashing/getChallenge.js'
import { type GetEscrowParameters, getEscrow } from './actions/slashing/getEscrow.js'
import {
  type GetOffenceStatusParameters,
  getOffenceStatus,
} from './actions/slashing/getOffenceStatus.js'
import { openChallenge } from './actions/slashing/openChallenge.js'
import { releaseSlash } from './actions/slashing/releaseSlash.js'
import { type GetStakeParameters, getStake } from './actions/staking/getStake.js'
import { requestUnstake } from './actions/staking/requestUnstake.js'
import { setValidator } from './actions/staking/setValidator.js'
import { stake } from './actions/staking/stake.js'
import { syncValidator } from './actions/staking/syncValidator.js'
import { withdrawStake } from './actions/staking/withdrawStake.js'
import { anchorUsage } from './actions/usage/anchorUsage.js'
import { type CanAnchorUsageParameters, canAnchorUsage } from './actions/usage/canAnchorUsage.js'
import { type GetUsageAnchorsParameters, getUsageAnchors } from './actions/usage/getUsageAnchors.js'
import { setUsageOperator } from './actions/usage/setUsageOperator.js'
import { type VerifyUsageParameters, verifyUsage } from './actions/usage/verifyUsage.js'
import { type SentWrite, sendOrWait } from './actions/write.js'
import { explainContractErrors } from './contractErrorWords.js'
import { type Deployment, getDeployment } from './deployments.js'
import { DaimmError } from './errors.js'

export type CreateDaimmClientParameters = {
  /** A viem public client (`createPublicClient`). */
  publicClient: PublicClientLike
  /**
   * Needed for writes and signatures; reads work without it. It needs no chain (the public client's
   * is used) and no local account (a JSON-RPC one, or the wallet's first address, sends).
   */
  walletClient?: WalletClientLike | undefined
  /** Default: the deployment the SDK ships for `publicClient.chain`. */
  deployment?: Deployment | undefined
  /** Defaults for every write: confirmations, timeout, `onHash`, gas, nonce and fees (`wait` is per write). */
  txOptions?: Omit<TxOptions, 'wait'> | undefined
}

export type DaimmClient = ReturnType<typeof createDaimmClient>

/** Every write of the client, by namespace: the same functions back `daimm.<ns>` and `daimm.calls.<ns>`. */
const writes = {
  registry: {
    register: registerModel,
    commit: commitRegistration,
    registerCommitted,
    registerWithSignature,
    updateMetadata: updateModelMetadata,
    deprecate: deprecateModel,
  },
  staking: { stake, requestUnstake, withdraw: withdrawStake, setValidator, syncValidator },
  governance: {
    delegate: delegateVotes,
    claimAirdrop,
    propose,
    castVote,
    queue: queueProposal,
    execute: executeProposal,
  },
  slashing: { openChallenge, expireChallenge, releaseSlash },
  scoring: {
    openRound,
    drawCommittee,
    commit: commitScore,
    reveal: revealScore,
    finalize: finalizeRound,
    reportOffenders,
    claim: claimScoringReward,
    fundRewardPool,
    releaseContributorReward,
    updateWeight: updateSortitionWeight,
  },
  royalties: {
    setWeights,
    acceptToken,
    deposit: depositRevenue,
    claim: claimRoyalties,
    sweepInbox,
    sweepProtocolFees,
  },
  market: {
    publishOffer,
    cancelOffer,
    buyLicense,
    buyWithSignature,
    cancelSignedOffer,
    invalidateNonces,
    review,
  },
  usage: { anchor: anchorUsage, setOperator: setUsageOperator },
} as const

// biome-ignore lint/suspicious/noExplicitAny: any action's parameters
type Action = (ctx: DaimmContext, ...p: any[]) => Promise<any>
type Bound<actions> = {
  [name in keyof actions]: actions[name] extends (ctx: DaimmContext, ...p: infer P) => infer R
    ? {
        /** With `txOptions.wait: false`: `{ hash }` once sent, no receipt awaited. */
        (p: NonNullable<P[0]> & { txOptions: TxOptions & { wait: false } }): Promise<SentWrite>
        (...p: P): R
      }
    : never
}
type Recorders<actions> = {
  [name in keyof actions]: actions[name] extends (ctx: DaimmContext, ...p: infer P) => unknown
    ? (...p: P) => Promise<Call[]>
    : never
}
type Writes = typeof writes

/** The writes of one namespace, bound to `ctx`; a call's `txOptions` apply to its transactions. */
function bind<actions extends Record<string, Action>>(ctx: DaimmContext, actions: actions) {
  return Object.fromEntries(
    Object.entries(actions).map(([name, action]) => [
      name,
      (p?: SenderParameters) =>
        sendOrWait(() => action(p?.txOptions ? { ...ctx, txOptions: p.txOptions } : ctx, p)),
    ]),
  ) as Bound<actions>
}

/** The writes of one namespace as recorders: each returns the calls the write would send. */
function recorders<actions extends Record<string, Action>>(ctx: DaimmContext, actions: actions) {
  return Object.fromEntries(
    Object.entries(actions).map(([name, action]) => [
      name,
      (p?: unknown) => recordCalls(ctx, name, (recording) => action(recording, p)),
    ]),
  ) as Recorders<actions>
}

/**
 * A typed client over the whole protocol, one namespace per module.
 *
 * `daimm.calls.<namespace>.<write>(params)` returns the calls a write would send, in order (an
 * approval first when the allowance is short), as `{ to, data, value }`, for EIP-5792
 * `wallet_sendCalls`, a Safe or a bundler.
 *
 * @example
 * import { createPublicClient, createWalletClient, http } from 'viem'
 * import { createDaimmClient } from '@daimm/sdk'
 *
 * const daimm = createDaimmClient({ publicClient, walletClient })
 * const { id } = await daimm.registry.register({ registration })
 * const model = await daimm.registry.getModel({ id })
 * const calls = await daimm.calls.market.buyLicense({ offerId, maxPrice })
 */
export function createDaimmClient({
  publicClient,
  walletClient,
  deployment,
  txOptions,
}: CreateDaimmClientParameters) {
  explainContractErrors()
  const ctx = createDaimmContext({
    publicClient,
    walletClient,
    deployment: deployment ?? getDeployment(chainIdOf(publicClient)),
    txOptions,
  })
  const calls: { [ns in keyof Writes]: Recorders<Writes[ns]> } = {
    registry: recorders(ctx, writes.registry),
    staking: recorders(ctx, writes.staking),
    governance: recorders(ctx, writes.governance),
    slashing: recorders(ctx, writes.slashing),
    scoring: recorders(ctx, writes.scoring),
    royalties: recorders(ctx, writes.royalties),
    market: recorders(ctx, writes.market),
    usage: recorders(ctx, writes.usage),
  }
  return {
    deployment: ctx.deployment,
    calls,
    registry: {
      ...bind(ctx, writes.registry),
      signRegistration: (p: SignRegistrationParameters) => signRegistration(ctx, p),
      checkRegistration: (p: CheckRegistrationParameters) => checkRegistration(ctx, p),
      getModel: (p: GetModelParameters) => getModel(ctx, p),
      getLineage: (p: GetLineageParameters) => getLineage(ctx, p),
    },
    staking: {
      ...bind(ctx, writes.staking),
      getStake: (p: GetStakeParameters) => getStake(ctx, p),
    },
    governance: {
      ...bind(ctx, writes.governance),
      getVotingPower: (p: GetVotingPowerParameters) => getVotingPower(ctx, p),
      getProposalState: (p: GetProposalStateParameters) => getProposalState(ctx, p),
      getProposal: (p: GetProposalParameters) => getProposal(ctx, p),
    },
    slashing: {
      ...bind(ctx, writes.slashing),
      getChallenge: (p: GetChallengeParameters) => getChallenge(ctx, p),
      getEscrow: (p: GetEscrowParameters) => getEscrow(ctx, p),
      getOffenceStatus: (p: GetOffenceStatusParameters) => getOffenceStatus(ctx, p),
    },
    scoring: {
      ...bind(ctx, writes.scoring),
      getRound: (p: GetRoundParameters) => getRound(ctx, p),
      getCommittee: (p: GetCommitteeParameters) => getCommittee(ctx, p),
      getBallot: (p: GetBallotParameters) => getBallot(ctx, p),
      getReward: (p: GetScoringRewardParameters) => getScoringReward(ctx, p),
      getReputation: (p: GetReputationParameters) => getReputation(ctx, p),
      getRewardPool: (p?: ReadParameters) => getRewardPool(ctx, p),
      getParameters: (p?: ReadParameters) => getScoringParameters(ctx, p),
      watchRounds: (p: WatchRoundsParameters) => watchRounds(ctx, p),
    },
    royalties: {
      ...bind(ctx, writes.royalties),
      getClaimable: (p: GetClaimableParameters) => getClaimable(ctx, p),
      getSplit: (p: GetSplitParameters) => getSplit(ctx, p),
    },
    market: {
      ...bind(ctx, writes.market),
      signOffer: (p: SignOfferParameters) => signOffer(ctx, p),
      hasValidLicense: (p: HasValidLicenseParameters) => hasValidLicense(ctx, p),
      getLicense: (p: GetLicenseParameters) => getLicense(ctx, p),
      getOffer: (p: GetOfferParameters) => getOffer(ctx, p),
      getRating: (p: GetRatingParameters) => getRating(ctx, p),
      watchOffers: (p: WatchOffersParameters) => watchOffers(ctx, p),
      watchLicenses: (p: WatchLicensesParameters) => watchLicenses(ctx, p),
    },
    usage: {
      ...bind(ctx, writes.usage),
      canAnchor: (p: CanAnchorUsageParameters) => canAnchorUsage(ctx, p),
      getAnchors: (p: GetUsageAnchorsParameters) => getUsageAnchors(ctx, p),
      verify: (p: VerifyUsageParameters) => verifyUsage(ctx, p),
    },
  }
}

function chainIdOf(publicClient: PublicClientLike): number {
  const id = publicClient.chain?.id
  if (id === undefined)
    throw new DaimmError('The public client has no chain, so the deployment cannot be chosen.', {
      metaMessages: ['Create it with a `chain`, or pass `deployment` to createDaimmClient.'],
    })
  return id
}
