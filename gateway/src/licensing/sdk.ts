/** The SDK's licensing pieces as the gateway uses them, from source (see ../sdk.ts). */
export {
  cidFromBytes,
  modelStatuses,
} from '../../../sdk/src/actions/registry/types.js'
export { createDaimmClient, type DaimmClient } from '../../../sdk/src/client.js'
export { loadModel, type OnnxModel } from '../../../sdk/src/eval/load-model.js'
export { useInstalledRuntime } from '../../../sdk/src/eval/node.js'
export { prepareRuntime, runtime, runtimeVersion } from '../../../sdk/src/eval/runtime.js'
export { modelRegistryAbi } from '../../../sdk/src/generated/contracts.js'
export { decryptContent } from '../../../sdk/src/licensing/content-encryption.js'
export { type RefusalReason, refusalReasons } from '../../../sdk/src/licensing/errors.js'
export {
  gatewayRequestDomain,
  gatewayRequestHeaders,
  gatewayRequestTypes,
  MAX_REQUEST_LIFETIME,
  sha256Hex,
} from '../../../sdk/src/licensing/gateway-request.js'
export { wrapContentKey } from '../../../sdk/src/licensing/key-wrap.js'
export type { LocalStore } from '../../../sdk/src/storage/local-store.js'
export {
  genesisUsageHash,
  type UsageAction,
  type UsageEntry,
  usageEntryHash,
} from '../../../sdk/src/usage/entry.js'
