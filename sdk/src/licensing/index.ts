/**
 * Licensed content, all of it (`@daimm/sdk/node` exports this): the browser-safe pieces
 * (`@daimm/sdk/licensing`, ./portable.ts) and the file-based ones, which need Node.js.
 */
export {
  type FetchLicensedModelParameters,
  type FetchLicensedModelReturnType,
  fetchLicensedModel,
} from './fetch-licensed-model.js'
export * from './portable.js'
export {
  type UploadArtifactParameters,
  type UploadArtifactReturnType,
  uploadArtifact,
} from './upload-artifact.js'
