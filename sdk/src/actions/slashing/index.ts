export type {
  ExpireChallengeParameters,
  ExpireChallengeReturnType,
} from './expireChallenge.js'
export type {
  GetChallengeParameters,
  GetChallengeReturnType,
} from './getChallenge.js'
export type { GetEscrowParameters, GetEscrowReturnType } from './getEscrow.js'
export type {
  GetOffenceStatusParameters,
  GetOffenceStatusReturnType,
} from './getOffenceStatus.js'
export type {
  OpenChallengeParameters,
  OpenChallengeReturnType,
} from './openChallenge.js'
export type {
  ReleaseSlashParameters,
  ReleaseSlashReturnType,
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
