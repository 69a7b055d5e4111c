import type { TestProject } from 'vitest/node'
import { deployProtocol, startAnvil } from '../../src/cli/devnet.js'
import type { Deployment } from '../../src/deployments.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** RPC URL of the anvil node started for this test run. */
    rpcUrl: string
    /** The protocol as deployed on that node by script/Deploy.s.sol. */
    deployment: Deployment
  }
}

/** Starts one anvil node with the protocol deployed for the integration tests, and stops it after. */
export default async function setup(project: TestProject) {
  const anvil = await startAnvil()
  try {
    project.provide('rpcUrl', anvil.rpcUrl)
    project.provide('deployment', await deployProtocol({ rpcUrl: anvil.rpcUrl }))
  } catch (error) {
    await anvil.stop()
    throw error
  }
  return () => anvil.stop()
}
