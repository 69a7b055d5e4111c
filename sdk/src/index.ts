export {
  type Deployment,
  type DeploymentContracts,
  getDeployment,
  knownChainIds,
  parseDeployment,
} from './deployments.js'
export { DaimmError, InvalidDeploymentError, UnknownDeploymentError } from './errors.js'
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
  timelockControllerAbi,
} from './generated/contracts.js'
