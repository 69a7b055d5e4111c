// CIDs, fingerprints and their on-chain form: also the `@daimm/sdk/cid` entry.

export { type Permit, signPermit } from './actions/allowance.js'
export { callsOf } from './actions/calls.js'
export {
  type Call,
  createDaimmContext,
  type DaimmContext,
  type PublicClientLike,
  type SenderParameters,
  type TxOptions,
  type WalletClientLike,
  WalletRequiredError,
} from './actions/context.js'
export * from './actions/governance/index.js'
export * from './actions/market/index.js'
export type { ReadParameters } from './actions/read.js'
export * from './actions/registry/index.js'
export * from './actions/royalties/index.js'
export * from './actions/scoring/index.js'
export * from './actions/slashing/index.js'
export * from './actions/staking/index.js'
export type { WatchParameters } from './actions/watch.js'
export {
  type Approval,
  type ProtocolEvents,
  type SentTransaction,
  TransactionRevertedError,
  type WriteReturnType,
} from './actions/write.js'
export * from './cid/index.js'
export { type CreateDaimmClientParameters, createDaimmClient, type DaimmClient } from './client.js'
export {
  ContractError,
  type ContractErrorWords,
  decodeProtocolError,
  useContractErrorWords,
} from './contractErrors.js'
export { contractErrorWords, explainContractErrors } from './contractErrorWords.js'
export {
  type Deployment,
  type DeploymentContracts,
  type DeploymentGenesis,
  getDeployment,
  knownChainIds,
  parseDeployment,
} from './deployments.js'
export {
  DaimmError,
  type DaimmErrorParameters,
  InvalidDeploymentError,
  UnknownDeploymentError,
} from './errors.js'
export {
  accessManagerAbi,
  daimmGovernorAbi,
  daimmTokenAbi,
  deployments,
  marketplaceAbi,
  modelRegistryAbi,
  royaltyInboxAbi,
  royaltyInboxFactoryAbi,
  royaltySplitterAbi,
  scoringManagerAbi,
  slasherAbi,
  sortitionPoolAbi,
  stakeManagerAbi,
  timelockControllerAbi,
} from './generated/contracts.js'
export { protocolErrorsAbi, protocolEventsAbi } from './protocolAbi.js'
