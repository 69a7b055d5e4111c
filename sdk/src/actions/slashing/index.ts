export {
  type ExpireChallengeParameters,
  type ExpireChallengeReturnType,
  expireChallenge,
} from './expireChallenge.js'
export {
  type GetChallengeParameters,
  type GetChallengeReturnType,
  getChallenge,
} from './getChallenge.js'
export { type GetEscrowParameters, type GetEscrowReturnType, getEscrow } from './getEscrow.js'
export {
  type GetOffenceStatusParameters,
  type GetOffenceStatusReturnType,
  getOffenceStatus,
} from './getOffenceStatus.js'
export {
  type OpenChallengeParameters,
  type OpenChallengeReturnType,
  openChallenge,
} from './openChallenge.js'
export {
  type ReleaseSlashParameters,
  type ReleaseSlashReturnType,
  releaseSlash,
} from './releaseSlash.js'
export type {
  Challenge,
  ChallengeableOffence,
  ChallengeStatus,
  Escrow,
  EscrowStatus,
  OffenceKind,
  OffenceStatus,
} from './types.js'
export { challengeStatuses, escrowStatuses, offenceKinds, offenceStatuses } from './types.js'
