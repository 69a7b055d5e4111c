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
import { type GetStakeParameters, getStake } from './actions/staking/getStake.js'
import { type RequestUnstakeParameters, requestUnstake } from './actions/staking/requestUnstake.js'
import { type StakeParameters, stake } from './actions/staking/stake.js'
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
