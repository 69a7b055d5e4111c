export {
  type CheckRegistrationParameters,
  InvalidRegistrationError,
  type InvalidRegistrationReason,
  UnknownParentError,
} from './checkRegistration.js'
export {
  type CommitRegistrationParameters,
  type CommitRegistrationReturnType,
  registrationCommitment,
} from './commitRegistration.js'
export type {
  DeprecateModelParameters,
  DeprecateModelReturnType,
} from './deprecateModel.js'
export type { GetLineageParameters, GetLineageReturnType } from './getLineage.js'
export type { GetModelParameters, GetModelReturnType } from './getModel.js'
export type {
  RegisterCommittedParameters,
  RegisterCommittedReturnType,
} from './registerCommitted.js'
export type {
  RegisterModelParameters,
  RegisterModelReturnType,
} from './registerModel.js'
export type {
  RegisterWithSignatureParameters,
  RegisterWithSignatureReturnType,
} from './registerWithSignature.js'
export {
  registrationTypedData,
  type SignRegistrationParameters,
  type SignRegistrationReturnType,
} from './signRegistration.js'
export type {
  AssetKind,
  CidInput,
  Model,
  ModelId,
  ModelStatus,
  Registration,
  Relation,
} from './types.js'
export { assetKinds, cidFromBytes, cidToBytes, modelStatuses, relations } from './types.js'
export type {
  UpdateModelMetadataParameters,
  UpdateModelMetadataReturnType,
} from './updateModelMetadata.js'
