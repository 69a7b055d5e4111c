/**
 * `@daimm/sdk/licensing`: licensed content in Node.js and browsers alike (WebCrypto and
 * @noble/curves, no Node.js built-in): encrypted artifacts, content keys released by a gateway to
 * license holders only, inference and the usage log. See docs/licensing.md. The file-based
 * `fetchLicensedModel` and `uploadArtifact` are in `@daimm/sdk/node` (./index.ts).
 */
export type { GatewayCallParameters } from './call-gateway.js'
export {
  CONTENT_MAGIC,
  CONTENT_VERSION,
  DEFAULT_CHUNK_BYTES,
  decryptContent,
  type EncryptContentOptions,
  encryptContent,
  encryptedSize,
  generateContentKey,
} from './content-encryption.js'
export { type DepositContentKeyParameters, depositContentKey } from './deposit-content-key.js'
export {
  DecryptionError,
  GatewayRefusedError,
  LicensedContentMismatchError,
  type RefusalReason,
  refusalReasons,
} from './errors.js'
export {
  type FetchLicensedContentParameters,
  type FetchLicensedContentProgress,
  type FetchLicensedContentReturnType,
  fetchLicensedContent,
} from './fetch-licensed-content.js'
export {
  type GatewayRequest,
  gatewayRequestDomain,
  gatewayRequestHeaders,
  gatewayRequestTypes,
  MAX_REQUEST_LIFETIME,
  type SignGatewayRequestParameters,
  signGatewayRequest,
} from './gateway-request.js'
export { type GetUsageParameters, type GetUsageReturnType, getUsage } from './get-usage.js'
export {
  type InferModelParameters,
  type InferModelReturnType,
  inferModel,
  type WireTensor,
} from './infer-model.js'
export {
  createWrappingKeyPair,
  unwrapContentKey,
  type WrappedContentKey,
  type WrappingKeyPair,
  wrapContentKey,
} from './key-wrap.js'
export {
  type RequestContentKeyParameters,
  type RequestContentKeyReturnType,
  requestContentKey,
} from './request-content-key.js'
export {
  type UploadContentParameters,
  type UploadContentReturnType,
  uploadContent,
} from './upload-content.js'
