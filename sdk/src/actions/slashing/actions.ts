// The slashing actions, standalone (`action(ctx, params)`), under the names `daimm.slashing.<action>` has.

export { expireChallenge } from './expireChallenge.js'
export { getChallenge } from './getChallenge.js'
export { getEscrow } from './getEscrow.js'
export { getOffenceStatus } from './getOffenceStatus.js'
export { openChallenge } from './openChallenge.js'
export { releaseSlash } from './releaseSlash.js'
