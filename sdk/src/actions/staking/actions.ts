// The staking actions, standalone (`action(ctx, params)`), under the names `daimm.staking.<action>` has.

export { getStake } from './getStake.js'
export { requestUnstake } from './requestUnstake.js'
export { setValidator } from './setValidator.js'
export { stake } from './stake.js'
export { syncValidator } from './syncValidator.js'
export { withdrawStake as withdraw } from './withdrawStake.js'
