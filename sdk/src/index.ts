// CIDs, fingerprints and their on-chain form: also the `@daimm/sdk/cid` entry.
export * from './cid/index.js'
export {
  type Deployment,
  type DeploymentContracts,
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
  modelRegistryAbi,
  timelockControllerAbi,
} from './generated/contracts.js'
