export type {
  AnchorUsageParameters,
  AnchorUsageReturnType,
} from './anchorUsage.js'
export type {
  CanAnchorUsageParameters,
  CanAnchorUsageReturnType,
} from './canAnchorUsage.js'
export type {
  GetUsageAnchorsParameters,
  GetUsageAnchorsReturnType,
  UsageAnchor,
} from './getUsageAnchors.js'
export type {
  SetUsageOperatorParameters,
  SetUsageOperatorReturnType,
} from './setUsageOperator.js'
export type {
  UsageFailure,
  UsageFailureReason,
  UsageProof,
  VerifyUsageParameters,
  VerifyUsageReturnType,
} from './verifyUsage.js'
