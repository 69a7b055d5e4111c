import type { PublicClient, WalletClient } from 'viem'
import type { DaimmContext } from './actions/context.js'
import { type CastVoteParameters, castVote } from './actions/governance/castVote.js'
import { type DelegateVotesParameters, delegateVotes } from './actions/governance/delegateVotes.js'
import {
  type ExecuteProposalParameters,
  executeProposal,
} from './actions/governance/executeProposal.js'
import {
  type GetProposalStateParameters,
  getProposalState,
} from './actions/governance/getProposalState.js'
import {
  type GetVotingPowerParameters,
  getVotingPower,
} from './actions/governance/getVotingPower.js'
import { type ProposeParameters, propose } from './actions/governance/propose.js'
import { type QueueProposalParameters, queueProposal } from './actions/governance/queueProposal.js'
import { type BuyLicenseParameters, buyLicense } from './actions/market/buyLicense.js'
import {
  type BuyWithSignatureParameters,
  buyWithSignature,
} from './actions/market/buyWithSignature.js'
import { type CancelOfferParameters, cancelOffer } from './actions/market/cancelOffer.js'
import {
  type CancelSignedOfferParameters,
  cancelSignedOffer,
} from './actions/market/cancelSignedOffer.js'
import { type GetLicenseParameters, getLicense } from './actions/market/getLicense.js'
import { type GetOfferParameters, getOffer } from './actions/market/getOffer.js'
import {
  type HasValidLicenseParameters,
  hasValidLicense,
} from './actions/market/hasValidLicense.js'
import {
  type InvalidateNoncesParameters,
  invalidateNonces,
} from './actions/market/invalidateNonces.js'
import { type PublishOfferParameters, publishOffer } from './actions/market/publishOffer.js'
import { type SignOfferParameters, signOffer } from './actions/market/signOffer.js'
import {
  type CommitRegistrationParameters,
  commitRegistration,
} from './actions/registry/commitRegistration.js'
import { type DeprecateModelParameters, deprecateModel } from './actions/registry/deprecateModel.js'
import { type GetLineageParameters, getLineage } from './actions/registry/getLineage.js'
import { type GetModelParameters, getModel } from './actions/registry/getModel.js'
import {
  type RegisterCommittedParameters,
  registerCommitted,
} from './actions/registry/registerCommitted.js'
import { type RegisterModelParameters, registerModel } from './actions/registry/registerModel.js'
import {
  type RegisterWithSignatureParameters,
  registerWithSignature,
} from './actions/registry/registerWithSignature.js'
import {
  type SignRegistrationParameters,
  signRegistration,
} from './actions/registry/signRegistration.js'
import {
  type UpdateModelMetadataParameters,
  updateModelMetadata,
} from './actions/registry/updateModelMetadata.js'
import { type AcceptTokenParameters, acceptToken } from './actions/royalties/acceptToken.js'
import {
  type ClaimRoyaltiesParameters,
  claimRoyalties,
} from './actions/royalties/claimRoyalties.js'
import {
  type DepositRevenueParameters,
  depositRevenue,
} from './actions/royalties/depositRevenue.js'
import { type GetClaimableParameters, getClaimable } from './actions/royalties/getClaimable.js'
import { type GetSplitParameters, getSplit } from './actions/royalties/getSplit.js'
import { type SetWeightsParameters, setWeights } from './actions/royalties/setWeights.js'
import { type SweepInboxParameters, sweepInbox } from './actions/royalties/sweepInbox.js'
import {
  type SweepProtocolFeesParameters,
  sweepProtocolFees,
} from './actions/royalties/sweepProtocolFees.js'
import {
  type ClaimScoringRewardParameters,
  claimScoringReward,
} from './actions/scoring/claimScoringReward.js'
import { type CommitScoreParameters, commitScore } from './actions/scoring/commitScore.js'
import { type DrawCommitteeParameters, drawCommittee } from './actions/scoring/drawCommittee.js'
import { type FinalizeRoundParameters, finalizeRound } from './actions/scoring/finalizeRound.js'
import { type FundRewardPoolParameters, fundRewardPool } from './actions/scoring/fundRewardPool.js'
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
import { type OpenRoundParameters, openRound } from './actions/scoring/openRound.js'
import {
  type ReleaseContributorRewardParameters,
  releaseContributorReward,
} from './actions/scoring/releaseContributorReward.js'
import {
  type ReportOffendersParameters,
  reportOffenders,
} from './actions/scoring/reportOffenders.js'
import { type RevealScoreParameters, revealScore } from './actions/scoring/revealScore.js'
import {
  type UpdateSortitionWeightParameters,
  updateSortitionWeight,
} from './actions/scoring/updateSortitionWeight.js'
import {
  type ExpireChallengeParameters,
  expireChallenge,
} from './actions/slashing/expireChallenge.js'
import { type GetChallengeParameters, getChallenge } from './actions/slashing/getChallenge.js'
import { type GetEscrowParameters, getEscrow } from './actions/slashing/getEscrow.js'
import {
  type GetOffenceStatusParameters,
  getOffenceStatus,
} from './actions/slashing/getOffenceStatus.js'
import { type OpenChallengeParameters, openChallenge } from './actions/slashing/openChallenge.js'
import { type ReleaseSlashParameters, releaseSlash } from './actions/slashing/releaseSlash.js'
import { type GetStakeParameters, getStake } from './actions/staking/getStake.js'
import { type RequestUnstakeParameters, requestUnstake } from './actions/staking/requestUnstake.js'
import { type SetValidatorParameters, setValidator } from './actions/staking/setValidator.js'
import { type StakeParameters, stake } from './actions/staking/stake.js'
import { type SyncValidatorParameters, syncValidator } from './actions/staking/syncValidator.js'
import { type WithdrawStakeParameters, withdrawStake } from './actions/staking/withdrawStake.js'
import { type Deployment, getDeployment } from './deployments.js'
import { DaimmError } from './errors.js'

export type CreateDaimmClientParameters = {
  publicClient: PublicClient
  /** Needed for writes and signatures; reads work without it. */
  walletClient?: WalletClient | undefined
  /** Default: the deployment the SDK ships for `publicClient.chain`. */
  deployment?: Deployment | undefined
}

export type DaimmClient = ReturnType<typeof createDaimmClient>

/**
 * A typed client over the whole protocol, one namespace per module.
 *
 * @example
 * import { createPublicClient, createWalletClient, http } from 'viem'
 * import { createDaimmClient } from '@daimm/sdk'
 *
 * const daimm = createDaimmClient({ publicClient, walletClient })
 * const { id } = await daimm.registry.register({ registration })
 * const model = await daimm.registry.getModel({ id })
 */
export function createDaimmClient({
  publicClient,
  walletClient,
  deployment,
}: CreateDaimmClientParameters) {
  const ctx: DaimmContext = {
    publicClient,
    walletClient,
    deployment: deployment ?? getDeployment(chainIdOf(publicClient)),
  }
  return {
    deployment: ctx.deployment,
    registry: {
      register: (p: RegisterModelParameters) => registerModel(ctx, p),
      commit: (p: CommitRegistrationParameters) => commitRegistration(ctx, p),
      registerCommitted: (p: RegisterCommittedParameters) => registerCommitted(ctx, p),
      signRegistration: (p: SignRegistrationParameters) => signRegistration(ctx, p),
      registerWithSignature: (p: RegisterWithSignatureParameters) => registerWithSignature(ctx, p),
      updateMetadata: (p: UpdateModelMetadataParameters) => updateModelMetadata(ctx, p),
      deprecate: (p: DeprecateModelParameters) => deprecateModel(ctx, p),
      getModel: (p: GetModelParameters) => getModel(ctx, p),
      getLineage: (p: GetLineageParameters) => getLineage(ctx, p),
    },
    staking: {
      stake: (p: StakeParameters) => stake(ctx, p),
      requestUnstake: (p: RequestUnstakeParameters) => requestUnstake(ctx, p),
      withdraw: (p?: WithdrawStakeParameters) => withdrawStake(ctx, p),
      getStake: (p: GetStakeParameters) => getStake(ctx, p),
      setValidator: (p: SetValidatorParameters) => setValidator(ctx, p),
      syncValidator: (p: SyncValidatorParameters) => syncValidator(ctx, p),
    },
    governance: {
      delegate: (p: DelegateVotesParameters) => delegateVotes(ctx, p),
      getVotingPower: (p: GetVotingPowerParameters) => getVotingPower(ctx, p),
      propose: (p: ProposeParameters) => propose(ctx, p),
      castVote: (p: CastVoteParameters) => castVote(ctx, p),
      queue: (p: QueueProposalParameters) => queueProposal(ctx, p),
      execute: (p: ExecuteProposalParameters) => executeProposal(ctx, p),
      getProposalState: (p: GetProposalStateParameters) => getProposalState(ctx, p),
    },
    slashing: {
      openChallenge: (p: OpenChallengeParameters) => openChallenge(ctx, p),
      expireChallenge: (p: ExpireChallengeParameters) => expireChallenge(ctx, p),
      releaseSlash: (p: ReleaseSlashParameters) => releaseSlash(ctx, p),
      getChallenge: (p: GetChallengeParameters) => getChallenge(ctx, p),
      getEscrow: (p: GetEscrowParameters) => getEscrow(ctx, p),
      getOffenceStatus: (p: GetOffenceStatusParameters) => getOffenceStatus(ctx, p),
    },
    scoring: {
      openRound: (p: OpenRoundParameters) => openRound(ctx, p),
      drawCommittee: (p: DrawCommitteeParameters) => drawCommittee(ctx, p),
      commit: (p: CommitScoreParameters) => commitScore(ctx, p),
      reveal: (p: RevealScoreParameters) => revealScore(ctx, p),
      finalize: (p: FinalizeRoundParameters) => finalizeRound(ctx, p),
      reportOffenders: (p: ReportOffendersParameters) => reportOffenders(ctx, p),
      claim: (p: ClaimScoringRewardParameters) => claimScoringReward(ctx, p),
      fundRewardPool: (p: FundRewardPoolParameters) => fundRewardPool(ctx, p),
      releaseContributorReward: (p: ReleaseContributorRewardParameters) =>
        releaseContributorReward(ctx, p),
      updateWeight: (p?: UpdateSortitionWeightParameters) => updateSortitionWeight(ctx, p),
      getRound: (p: GetRoundParameters) => getRound(ctx, p),
      getCommittee: (p: GetCommitteeParameters) => getCommittee(ctx, p),
      getBallot: (p: GetBallotParameters) => getBallot(ctx, p),
      getReward: (p: GetScoringRewardParameters) => getScoringReward(ctx, p),
      getReputation: (p: GetReputationParameters) => getReputation(ctx, p),
      getRewardPool: () => getRewardPool(ctx),
      getParameters: () => getScoringParameters(ctx),
    },
    royalties: {
      setWeights: (p: SetWeightsParameters) => setWeights(ctx, p),
      acceptToken: (p: AcceptTokenParameters) => acceptToken(ctx, p),
      deposit: (p: DepositRevenueParameters) => depositRevenue(ctx, p),
      claim: (p: ClaimRoyaltiesParameters) => claimRoyalties(ctx, p),
      sweepInbox: (p: SweepInboxParameters) => sweepInbox(ctx, p),
      sweepProtocolFees: (p: SweepProtocolFeesParameters = {}) => sweepProtocolFees(ctx, p),
      getClaimable: (p: GetClaimableParameters) => getClaimable(ctx, p),
      getSplit: (p: GetSplitParameters) => getSplit(ctx, p),
    },
    market: {
      publishOffer: (p: PublishOfferParameters) => publishOffer(ctx, p),
      cancelOffer: (p: CancelOfferParameters) => cancelOffer(ctx, p),
      buyLicense: (p: BuyLicenseParameters) => buyLicense(ctx, p),
      signOffer: (p: SignOfferParameters) => signOffer(ctx, p),
      buyWithSignature: (p: BuyWithSignatureParameters) => buyWithSignature(ctx, p),
      cancelSignedOffer: (p: CancelSignedOfferParameters) => cancelSignedOffer(ctx, p),
      invalidateNonces: (p: InvalidateNoncesParameters) => invalidateNonces(ctx, p),
      hasValidLicense: (p: HasValidLicenseParameters) => hasValidLicense(ctx, p),
      getLicense: (p: GetLicenseParameters) => getLicense(ctx, p),
      getOffer: (p: GetOfferParameters) => getOffer(ctx, p),
    },
  }
}

function chainIdOf(publicClient: PublicClient): number {
  const id = publicClient.chain?.id
  if (id === undefined)
    throw new DaimmError('The public client has no chain, so the deployment cannot be chosen.', {
      metaMessages: ['Create it with a `chain`, or pass `deployment` to createDaimmClient.'],
    })
  return id
}
