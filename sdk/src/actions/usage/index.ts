export {
  type AnchorUsageParameters,
  type AnchorUsageReturnType,
  anchorUsage,
} from './anchorUsage.js'
export {
  type CanAnchorUsageParameters,
  type CanAnchorUsageReturnType,
  canAnchorUsage,
} from './canAnchorUsage.js'
export {
  type GetUsageAnchorsParameters,
  type GetUsageAnchorsReturnType,
  getUsageAnchors,
  type UsageAnchor,
} from './getUsageAnchors.js'
export {
  type SetUsageOperatorParameters,
  type SetUsageOperatorReturnType,
  setUsageOperator,
} from './setUsageOperator.js'
export {
  type UsageFailure,
  type UsageFailureReason,
  type UsageProof,
  type VerifyUsageParameters,
  type VerifyUsageReturnType,
  verifyUsage,
} from './verifyUsage.js'
