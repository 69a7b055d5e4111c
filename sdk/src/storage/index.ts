/**
 * `@daimm/sdk/storage`: where artifacts live, read back only when they match their CID. A Kubo
 * node through its RPC API and IPFS HTTP gateways, browser-safe. The local directory store reads
 * and writes files, so it is in `@daimm/sdk/node`.
 */

export { CidMismatchError } from '../cid/errors.js'
export {
  ContentNotFoundError,
  ImportSettingsIgnoredError,
  StorageRequestError,
} from './errors.js'
export { createGatewayReader, type GatewayReader, type GatewayReaderOptions } from './gateway.js'
export type { HttpOptions } from './http-request.js'
export { createKuboStore, type KuboStore, type KuboStoreOptions, kuboAddQuery } from './kubo.js'
export type {
  ContentReader,
  ContentStore,
  PutContentOptions,
  PutContentReturnType,
  ReadContentOptions,
} from './types.js'
