import type { Deployment } from '../../deployments.js'
import { type Anvil, deployProtocol, startAnvil } from '../devnet.js'

export type StartNodeParameters = {
  root: string
  log: (line: string) => void
  /** Called with the node as soon as it runs, so that whoever stops the demo can stop it. */
  onStarted: (anvil: Anvil) => void
}

/**
 * Starts anvil and deploys the protocol on it with the forge script (one transaction at a time:
 * see `deployProtocol`).
 */
export async function startNodeAndDeploy({
  root,
  log,
  onStarted,
}: StartNodeParameters): Promise<{ anvil: Anvil; deployment: Deployment; seconds: number }> {
  const anvil = await startAnvil({ root })
  onStarted(anvil)
  log(`  anvil at ${anvil.rpcUrl}`)
  const started = performance.now()
  const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl, root })
  return { anvil, deployment, seconds: (performance.now() - started) / 1000 }
}
