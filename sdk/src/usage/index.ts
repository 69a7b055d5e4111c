export {
  genesisUsageHash,
  type UsageAction,
  type UsageEntry,
  usageActions,
  usageEntryHash,
} from './entry.js'
export {
  parseUsageEntry,
  parseUsageProof,
  type UsageEntryJson,
  type UsageProofJson,
  usageEntryToJson,
} from './json.js'
export { usageLeaf, usageMerkleProof, usageMerkleRoot, verifyUsageProof } from './merkle.js'
