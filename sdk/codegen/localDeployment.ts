/**
 * Refreshes deployments/31337.json, the committed local deployment: a fresh anvil, the forge
 * deploy script, and the node stopped again. CREATE2 makes the result depend only on the code
 * and the settings, so CI can check that the committed file is current.
 */
import { deployProtocol, startAnvil } from '../src/cli/devnet.js'

const anvil = await startAnvil()
try {
  const { contracts } = await deployProtocol({ rpcUrl: anvil.rpcUrl })
  console.log(`deployments/31337.json: ${Object.keys(contracts).length} contracts`)
} finally {
  await anvil.stop()
}
