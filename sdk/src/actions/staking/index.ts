export { type GetStakeParameters, type GetStakeReturnType, getStake } from './getStake.js'
export {
  type RequestUnstakeParameters,
  type RequestUnstakeReturnType,
  requestUnstake,
} from './requestUnstake.js'
export {
  type SetValidatorParameters,
  type SetValidatorReturnType,
  setValidator,
} from './setValidator.js'
export { type StakeParameters, type StakeReturnType, stake } from './stake.js'
export {
  type SyncValidatorParameters,
  type SyncValidatorReturnType,
  syncValidator,
} from './syncValidator.js'
export {
  type WithdrawStakeParameters,
  type WithdrawStakeReturnType,
  withdrawStake,
} from './withdrawStake.js'
