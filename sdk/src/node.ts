/**
 * `@daimm/sdk/node`: the pieces that need Node.js — hashing files by path, and the local
 * content-addressed store on disk. Everything else is in the browser-safe entries.
 */
export { FileReadError } from './cid/errors.js'
export { computeFileCid, fingerprintFile, hashArtifactFile } from './cid/file.js'
/** Licensed content: encrypted artifacts, keys from a gateway for license holders (docs/licensing.md). */
export * from './licensing/index.js'
export { createLocalStore, type LocalStore, type LocalStoreOptions } from './storage/local-store.js'
