/**
 * The SDK as the gateway uses it: from source in this checkout (the gateway is a private workspace
 * run with tsx, so no build of @daimm/sdk is needed and it never runs a stale one). Every protocol
 * derivation comes from here: the gateway has none of its own.
 */

export { CID } from 'multiformats/cid'
export { proposalStates } from '../../sdk/src/actions/governance/proposal.js'
export { assetKinds, modelStatuses, relations } from '../../sdk/src/actions/registry/types.js'
export { computeCid } from '../../sdk/src/cid/compute-cid.js'
export { CidMismatchError } from '../../sdk/src/cid/errors.js'
export { fingerprint } from '../../sdk/src/cid/fingerprint.js'
export { createDaimmClient } from '../../sdk/src/client.js'
export { type Deployment, getDeployment, parseDeployment } from '../../sdk/src/deployments.js'
export {
  applyLog,
  ETH,
  type IndexedLog,
  idKey,
} from '../../sdk/src/indexer/apply-log.js'
export * from '../../sdk/src/indexer/index.js'
export { emptyChanges, tracked } from '../../sdk/src/indexer/journal.js'
export { createQueries } from '../../sdk/src/indexer/queries.js'
export { createGatewayReader } from '../../sdk/src/storage/gateway.js'
export { createKuboStore } from '../../sdk/src/storage/kubo.js'
export { createLocalStore } from '../../sdk/src/storage/local-store.js'
export type { ContentReader } from '../../sdk/src/storage/types.js'
export {
  genesisUsageHash,
  type UsageAction,
  type UsageEntry,
  usageEntryHash,
} from '../../sdk/src/usage/entry.js'
export { usageMerkleProof, usageMerkleRoot } from '../../sdk/src/usage/merkle.js'
