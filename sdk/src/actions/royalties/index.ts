export type {
  AcceptTokenParameters,
  AcceptTokenReturnType,
} from './acceptToken.js'
export type {
  ClaimRoyaltiesParameters,
  ClaimRoyaltiesReturnType,
} from './claimRoyalties.js'
export type {
  DepositRevenueParameters,
  DepositRevenueReturnType,
} from './depositRevenue.js'
export type {
  GetClaimableParameters,
  GetClaimableReturnType,
} from './getClaimable.js'
export type { GetSplitParameters, GetSplitReturnType } from './getSplit.js'
export type { SetWeightsParameters, SetWeightsReturnType } from './setWeights.js'
export type { SweepInboxParameters, SweepInboxReturnType } from './sweepInbox.js'
export type {
  SweepProtocolFeesParameters,
  SweepProtocolFeesReturnType,
} from './sweepProtocolFees.js'
