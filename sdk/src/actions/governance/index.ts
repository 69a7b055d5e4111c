export {
  type CastVoteParameters,
  type CastVoteReturnType,
  castVote,
  type VoteSupport,
  voteSupports,
} from './castVote.js'
export {
  type ClaimAirdropParameters,
  type ClaimAirdropReturnType,
  claimAirdrop,
} from './claimAirdrop.js'
export {
  type DelegateVotesParameters,
  type DelegateVotesReturnType,
  delegateVotes,
} from './delegateVotes.js'
export {
  type ExecuteProposalParameters,
  type ExecuteProposalReturnType,
  executeProposal,
} from './executeProposal.js'
export {
  type GetProposalParameters,
  type GetProposalReturnType,
  getProposal,
  type ProposalDetails,
} from './getProposal.js'
export {
  type GetProposalStateParameters,
  type GetProposalStateReturnType,
  getProposalState,
} from './getProposalState.js'
export {
  type GetVotingPowerParameters,
  type GetVotingPowerReturnType,
  getVotingPower,
} from './getVotingPower.js'
export { type Proposal, type ProposalCall, type ProposalState, proposalStates } from './proposal.js'
export { type ProposeParameters, type ProposeReturnType, propose } from './propose.js'
export {
  type QueueProposalParameters,
  type QueueProposalReturnType,
  queueProposal,
} from './queueProposal.js'
