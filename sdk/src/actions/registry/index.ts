export {
  type CheckRegistrationParameters,
  checkRegistration,
  InvalidRegistrationError,
  type InvalidRegistrationReason,
  UnknownParentError,
} from './checkRegistration.js'
export {
  type CommitRegistrationParameters,
  type CommitRegistrationReturnType,
  commitRegistration,
  registrationCommitment,
} from './commitRegistration.js'
export {
  type DeprecateModelParameters,
  type DeprecateModelReturnType,
  deprecateModel,
} from './deprecateModel.js'
export { type GetLineageParameters, type GetLineageReturnType, getLineage } from './getLineage.js'
export { type GetModelParameters, type GetModelReturnType, getModel } from './getModel.js'
export {
  type RegisterCommittedParameters,
  type RegisterCommittedReturnType,
  registerCommitted,
} from './registerCommitted.js'
export {
  type RegisterModelParameters,
  type RegisterModelReturnType,
  registerModel,
} from './registerModel.js'
export {
  type RegisterWithSignatureParameters,
  type RegisterWithSignatureReturnType,
  registerWithSignature,
} from './registerWithSignature.js'
export {
  registrationTypedData,
  type SignRegistrationParameters,
  type SignRegistrationReturnType,
  signRegistration,
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
export {
  type UpdateModelMetadataParameters,
  type UpdateModelMetadataReturnType,
  updateModelMetadata,
} from './updateModelMetadata.js'
