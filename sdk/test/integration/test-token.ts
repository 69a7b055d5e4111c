import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type Abi,
  type Account,
  type Address,
  createWalletClient,
  erc20Abi,
  getAddress,
  type Hex,
  parseAbi,
} from 'viem'
import { foundry } from 'viem/chains'
import { findRepoRoot, foundryBin } from '../../src/cli/devnet.js'
import { run } from '../../src/cli/process.js'
import type { chain as localChain } from './local.js'

/** test/mocks/MockERC20.sol: a plain ERC-20 that anyone can mint. */
export const mockErc20Abi = [
  ...erc20Abi,
  ...parseAbi(['function mint(address to, uint256 amount)']),
]

const SOURCE = 'test/mocks/MockERC20.sol'

/**
 * Deploys the test-only `MockERC20` (test/mocks, not part of the protocol) on the local node, so
 * that revenue can be paid in an ERC-20 other than DAIMM. The deploy script does not compile test
 * contracts: forge builds this one first (a couple of seconds, cached afterwards).
 */
export async function deployMockErc20(
  { publicClient, transport }: typeof localChain,
  deployer: Account,
  { name, symbol }: { name: string; symbol: string },
): Promise<Address> {
  const root = findRepoRoot()
  const built = await run(foundryBin(root, 'forge'), ['build', SOURCE], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    timeoutMs: 120_000,
  })
  if (built.timedOut || built.code !== 0)
    throw new Error(`forge build ${SOURCE} failed:\n${built.stderr}\n${built.stdout}`)
  const artifact = JSON.parse(
    await readFile(join(root, 'out', 'MockERC20.sol', 'MockERC20.json'), 'utf8'),
  ) as { abi: Abi; bytecode: { object: Hex } }
  const hash = await createWalletClient({
    account: deployer,
    chain: foundry,
    transport,
  }).deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode.object,
    args: [name, symbol],
  })
  const { contractAddress, status } = await publicClient.waitForTransactionReceipt({ hash })
  if (status !== 'success' || !contractAddress) throw new Error(`deploying ${SOURCE} failed`)
  return getAddress(contractAddress)
}
