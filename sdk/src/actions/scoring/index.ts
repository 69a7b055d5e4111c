export {
  type ClaimScoringRewardParameters,
  type ClaimScoringRewardReturnType,
  claimScoringReward,
} from './claimScoringReward.js'
export {
  type CommitScoreParameters,
  type CommitScoreReturnType,
  commitScore,
  scoreCommitment,
} from './commitScore.js'
export {
  type DrawCommitteeParameters,
  type DrawCommitteeReturnType,
  type DrawnMember,
  drawCommittee,
} from './drawCommittee.js'
export {
  type FinalizeRoundParameters,
  type FinalizeRoundReturnType,
  finalizeRound,
  type RoundSettlement,
  type ScoringOffender,
} from './finalizeRound.js'
export {
  type FundRewardPoolParameters,
  type FundRewardPoolReturnType,
  fundRewardPool,
} from './fundRewardPool.js'
export { type GetBallotParameters, type GetBallotReturnType, getBallot } from './getBallot.js'
export {
  type GetCommitteeParameters,
  type GetCommitteeReturnType,
  getCommittee,
} from './getCommittee.js'
export {
  type GetReputationParameters,
  type GetReputationReturnType,
  getReputation,
} from './getReputation.js'
export { type GetRewardPoolReturnType, getRewardPool } from './getRewardPool.js'
export { type GetRoundParameters, type GetRoundReturnType, getRound } from './getRound.js'
export {
  type GetScoringParametersReturnType,
  getScoringParameters,
} from './getScoringParameters.js'
export {
  type GetScoringRewardParameters,
  type GetScoringRewardReturnType,
  getScoringReward,
} from './getScoringReward.js'
export { type OpenRoundParameters, type OpenRoundReturnType, openRound } from './openRound.js'
export {
  type ReleaseContributorRewardParameters,
  type ReleaseContributorRewardReturnType,
  releaseContributorReward,
} from './releaseContributorReward.js'
export {
  type ReportOffendersParameters,
  type ReportOffendersReturnType,
  reportOffenders,
} from './reportOffenders.js'
export {
  type RevealScoreParameters,
  type RevealScoreReturnType,
  revealScore,
} from './revealScore.js'
export type {
  Ballot,
  BallotState,
  CommitteeSeat,
  MemberReport,
  Round,
  RoundStatus,
  ScoringOffence,
  ScoringParameters,
} from './types.js'
export { ballotStates, roundStatuses } from './types.js'
export {
  type UpdateSortitionWeightParameters,
  type UpdateSortitionWeightReturnType,
  updateSortitionWeight,
} from './updateSortitionWeight.js'
export { type RoundEvent, type WatchRoundsParameters, watchRounds } from './watchRounds.js'
