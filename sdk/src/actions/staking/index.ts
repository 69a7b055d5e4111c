export type { GetStakeParameters, GetStakeReturnType } from './getStake.js'
export type {
  RequestUnstakeParameters,
  RequestUnstakeReturnType,
} from './requestUnstake.js'
export type {
  SetValidatorParameters,
  SetValidatorReturnType,
} from './setValidator.js'
export type { StakeParameters, StakeReturnType } from './stake.js'
export type {
  SyncValidatorParameters,
  SyncValidatorReturnType,
} from './syncValidator.js'
export type {
  WithdrawStakeParameters,
  WithdrawStakeReturnType,
} from './withdrawStake.js'
