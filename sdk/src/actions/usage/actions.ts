// The usage actions, standalone (`action(ctx, params)`), under the names `daimm.usage.<action>` has.
export { anchorUsage as anchor } from './anchorUsage.js'
export { canAnchorUsage as canAnchor } from './canAnchorUsage.js'
export { getUsageAnchors as getAnchors } from './getUsageAnchors.js'
export { setUsageOperator as setOperator } from './setUsageOperator.js'
export { verifyUsage as verify } from './verifyUsage.js'
