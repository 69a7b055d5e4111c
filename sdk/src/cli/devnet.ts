/**
 * A local devnet for the CLI, the demo and the integration tests: anvil plus the protocol deployed
 * by script/Deploy.s.sol. Node-only, and it needs a checkout of the repo with `npm install` done.
 */
export { type Anvil, type StartAnvilParameters, startAnvil } from './anvil.js'
export { ANVIL_PRIVATE_KEY_0, type DeployProtocolParameters, deployProtocol } from './deploy.js'
export { DevnetError } from './errors.js'
export { findRepoRoot, foundryBin } from './repo.js'
