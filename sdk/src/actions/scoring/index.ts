export type {
  ClaimScoringRewardParameters,
  ClaimScoringRewardReturnType,
} from './claimScoringReward.js'
export {
  type CommitScoreParameters,
  type CommitScoreReturnType,
  scoreCommitment,
} from './commitScore.js'
export type {
  DrawCommitteeParameters,
  DrawCommitteeReturnType,
  DrawnMember,
} from './drawCommittee.js'
export type {
  FinalizeRoundParameters,
  FinalizeRoundReturnType,
  RoundSettlement,
  ScoringOffender,
} from './finalizeRound.js'
export type {
  FundRewardPoolParameters,
  FundRewardPoolReturnType,
} from './fundRewardPool.js'
export type { GetBallotParameters, GetBallotReturnType } from './getBallot.js'
export type {
  GetCommitteeParameters,
  GetCommitteeReturnType,
} from './getCommittee.js'
export type {
  GetReputationParameters,
  GetReputationReturnType,
} from './getReputation.js'
export type { GetRewardPoolReturnType } from './getRewardPool.js'
export type { GetRoundParameters, GetRoundReturnType } from './getRound.js'
export type { GetScoringParametersReturnType } from './getScoringParameters.js'
export type {
  GetScoringRewardParameters,
  GetScoringRewardReturnType,
} from './getScoringReward.js'
export type { OpenRoundParameters, OpenRoundReturnType } from './openRound.js'
export type {
  ReleaseContributorRewardParameters,
  ReleaseContributorRewardReturnType,
} from './releaseContributorReward.js'
export type {
  ReportOffendersParameters,
  ReportOffendersReturnType,
} from './reportOffenders.js'
export type {
  RevealScoreParameters,
  RevealScoreReturnType,
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
export type {
  UpdateSortitionWeightParameters,
  UpdateSortitionWeightReturnType,
} from './updateSortitionWeight.js'
export type { RoundEvent, WatchRoundsParameters } from './watchRounds.js'
