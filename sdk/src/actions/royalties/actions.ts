// The royalties actions, standalone (`action(ctx, params)`), under the names `daimm.royalties.<action>` has.

export { acceptToken } from './acceptToken.js'
export { claimRoyalties as claim } from './claimRoyalties.js'
export { depositRevenue as deposit } from './depositRevenue.js'
export { getClaimable } from './getClaimable.js'
export { getSplit } from './getSplit.js'
export { setWeights } from './setWeights.js'
export { sweepInbox } from './sweepInbox.js'
export { sweepProtocolFees } from './sweepProtocolFees.js'
