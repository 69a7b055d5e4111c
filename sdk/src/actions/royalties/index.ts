export {
  type AcceptTokenParameters,
  type AcceptTokenReturnType,
  acceptToken,
} from './acceptToken.js'
export {
  type ClaimRoyaltiesParameters,
  type ClaimRoyaltiesReturnType,
  claimRoyalties,
} from './claimRoyalties.js'
export {
  type DepositRevenueParameters,
  type DepositRevenueReturnType,
  depositRevenue,
} from './depositRevenue.js'
export {
  type GetClaimableParameters,
  type GetClaimableReturnType,
  getClaimable,
} from './getClaimable.js'
export { type GetSplitParameters, type GetSplitReturnType, getSplit } from './getSplit.js'
export { type SetWeightsParameters, type SetWeightsReturnType, setWeights } from './setWeights.js'
export { type SweepInboxParameters, type SweepInboxReturnType, sweepInbox } from './sweepInbox.js'
export {
  type SweepProtocolFeesParameters,
  type SweepProtocolFeesReturnType,
  sweepProtocolFees,
} from './sweepProtocolFees.js'
