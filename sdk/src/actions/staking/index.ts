export { type GetStakeParameters, type GetStakeReturnType, getStake } from './getStake.js'
export {
  type RequestUnstakeParameters,
  type RequestUnstakeReturnType,
  requestUnstake,
} from './requestUnstake.js'
export { type StakeParameters, type StakeReturnType, stake } from './stake.js'
export {
  type WithdrawStakeParameters,
  type WithdrawStakeReturnType,
  withdrawStake,
} from './withdrawStake.js'
