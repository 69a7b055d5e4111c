/**
 * `npm run demo`: starts a local anvil, deploys the protocol with forge, prints the deployment and
 * a few on-chain reads through viem and the generated ABIs, then stops the node.
 */
import { createPublicClient, http, type PublicClient } from 'viem'
import type { Deployment } from '../deployments.js'
import { daimmGovernorAbi, daimmTokenAbi, timelockControllerAbi } from '../generated/contracts.js'
import { type Anvil, deployProtocol, startAnvil } from './devnet.js'
import { formatAmount, formatDuration, formatPercent, formatTable } from './format.js'

let anvil: Anvil | undefined

async function main(): Promise<void> {
  console.log('DAIMM demo: a local devnet with the protocol deployed\n')
  anvil = await startAnvil()
  try {
    console.log(`  anvil    ${anvil.rpcUrl}`)
    const started = performance.now()
    const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`  deploy   forge script script/Deploy.s.sol, ${seconds} s\n`)

    console.log(`Chain id ${deployment.chainId}, deployed from block ${deployment.startBlock}\n`)
    const rows = Object.entries(deployment.contracts).map(([name, address]) => [name, address])
    console.log(`${formatTable(['Contract', 'Address'], rows)}\n`)

    const client = createPublicClient({ transport: http(anvil.rpcUrl) })
    console.log(
      `On-chain reads\n${formatTable(['Read', 'Value'], await readProtocol(client, deployment))}\n`,
    )
  } finally {
    await anvil.stop()
    console.log('Stopped anvil.')
  }
}

async function readProtocol(client: PublicClient, { contracts }: Deployment) {
  const token = { address: contracts.token, abi: daimmTokenAbi } as const
  const governor = { address: contracts.governor, abi: daimmGovernorAbi } as const
  const timelock = { address: contracts.timelock, abi: timelockControllerAbi } as const
  const [name, symbol, decimals, totalSupply, governorName, minDelay, numerator, denominator] =
    await Promise.all([
      client.readContract({ ...token, functionName: 'name' }),
      client.readContract({ ...token, functionName: 'symbol' }),
      client.readContract({ ...token, functionName: 'decimals' }),
      client.readContract({ ...token, functionName: 'totalSupply' }),
      client.readContract({ ...governor, functionName: 'name' }),
      client.readContract({ ...timelock, functionName: 'getMinDelay' }),
      client.readContract({ ...governor, functionName: 'quorumNumerator' }),
      client.readContract({ ...governor, functionName: 'quorumDenominator' }),
    ])
  return [
    ['token', `${name} (${symbol}), ${decimals} decimals`],
    ['total supply', `${formatAmount(totalSupply, decimals)} ${symbol}`],
    ['governor', governorName],
    ['timelock min delay', formatDuration(minDelay)],
    [
      'quorum',
      `${formatPercent(numerator, denominator)} of the total supply (${numerator}/${denominator})`,
    ],
  ]
}

// Ctrl-C or a kill stops the node before the process exits. (While anvil is still starting, the
// exit itself kills it: startAnvil guards against that.)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    const exit = () => process.exit(signal === 'SIGINT' ? 130 : 143)
    void (anvil ? anvil.stop().finally(exit) : exit())
  })

main().then(
  () => {
    process.exitCode = 0
  },
  (error: unknown) => {
    console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  },
)
