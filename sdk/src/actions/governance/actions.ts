// The governance actions, standalone (`action(ctx, params)`), under the names `daimm.governance.<action>` has.

export { castVote } from './castVote.js'
export { claimAirdrop } from './claimAirdrop.js'
export { delegateVotes as delegate } from './delegateVotes.js'
export { executeProposal as execute } from './executeProposal.js'
export { getProposal } from './getProposal.js'
export { getProposalState } from './getProposalState.js'
export { getVotingPower } from './getVotingPower.js'
export { propose } from './propose.js'
export { queueProposal as queue } from './queueProposal.js'
