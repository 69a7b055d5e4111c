/**
 * `@daimm/sdk/cid`: the CIDs and fingerprints of artifacts, computed exactly as IPFS does, and
 * their on-chain form. Browser-safe: no Node.js built-in is imported (`@daimm/sdk/node` hashes
 * files by path).
 */
export { CID } from 'multiformats/cid'
export { type ByteSource, readByteSource } from './byte-source.js'
export { cidToOnchain, MAX_ONCHAIN_CODEC, type OnchainCid } from './cid-to-onchain.js'
export {
  type ComputeCidOptions,
  type ComputeCidReturnType,
  computeCid,
} from './compute-cid.js'
export {
  CidMismatchError,
  InvalidByteSourceError,
  InvalidCidError,
  InvalidImportSettingsError,
  UnsupportedCidError,
} from './errors.js'
export { type FingerprintOptions, fingerprint } from './fingerprint.js'
export {
  type HashArtifactOptions,
  type HashArtifactReturnType,
  hashArtifact,
} from './hash-artifact.js'
export {
  type CidProfile,
  cidProfiles,
  defaultCidProfile,
  describeImportSettings,
  type ImportSettings,
  type ImportSettingsOptions,
  profileOf,
  resolveImportSettings,
} from './import-settings.js'
export { type OnchainToCidParameters, onchainToCid } from './onchain-to-cid.js'
export { parseCid } from './parse-cid.js'
export { createCidVerifier, type VerifyCidOptions, verifyCid } from './verify-cid.js'
