export {
  type CastVoteParameters,
  type CastVoteReturnType,
  type VoteSupport,
  voteSupports,
} from './castVote.js'
export type {
  ClaimAirdropParameters,
  ClaimAirdropReturnType,
} from './claimAirdrop.js'
export type {
  DelegateVotesParameters,
  DelegateVotesReturnType,
} from './delegateVotes.js'
export type {
  ExecuteProposalParameters,
  ExecuteProposalReturnType,
} from './executeProposal.js'
export type {
  GetProposalParameters,
  GetProposalReturnType,
  ProposalDetails,
} from './getProposal.js'
export type {
  GetProposalStateParameters,
  GetProposalStateReturnType,
} from './getProposalState.js'
export type {
  GetVotingPowerParameters,
  GetVotingPowerReturnType,
} from './getVotingPower.js'
export { type Proposal, type ProposalCall, type ProposalState, proposalStates } from './proposal.js'
export type { ProposeParameters, ProposeReturnType } from './propose.js'
export type {
  QueueProposalParameters,
  QueueProposalReturnType,
} from './queueProposal.js'
