import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem'
import { InvalidDeploymentError, UnknownDeploymentError } from './errors.js'
import { deployments } from './generated/contracts.js'

/** The keys of `contracts` in a deployment record, one per deployed contract. */
export const deploymentContractNames = [
  'accessManager',
  'governor',
  'inboxFactory',
  'market',
  'registry',
  'scoring',
  'slasher',
  'sortitionPool',
  'stakeManager',
  'splitter',
  'timelock',
  'token',
  'usageAnchors',
] as const

/** Addresses of the protocol's contracts on one chain. */
export type DeploymentContracts = Record<(typeof deploymentContractNames)[number], Address>

/** One deployment of the protocol, as `script/Deploy.s.sol` writes it to `deployments/<chainId>.json`. */
export type Deployment = {
  chainId: number
  contracts: DeploymentContracts
  /** Account that sent the deployment transactions. */
  deployer: Address
  /** Account allowed to pause (and nothing else). */
  guardian: Address
  /** CREATE2 salt the contracts were deployed with. */
  salt: Hex
  /** Block number at which the deployment started: indexers replay events from here. */
  startBlock: number
  /** What the genesis distribution created besides the supply's holders (docs/deployment.md). */
  genesis?: DeploymentGenesis | undefined
}

/** The genesis record of a deployment: vesting wallets in the genesis file's order, and the airdrop. */
export type DeploymentGenesis = {
  vestingWallets: readonly Address[]
  airdropRoot: Hex
  /** DAIMM set aside for the airdrop, in wei, as a decimal string. */
  airdropAmount: string
  /** Last second of airdrop claims (seconds since the epoch). */
  airdropDeadline: number
}

const known: Readonly<Record<number, Deployment>> = deployments

/** Chain ids the SDK ships a deployment for. */
export const knownChainIds: readonly number[] = Object.keys(known).map(Number)

/**
 * Returns the deployment the SDK ships for `chainId`.
 *
 * @throws {UnknownDeploymentError} when the SDK knows no deployment on that chain.
 * @example
 * const { contracts } = getDeployment(31337)
 * const name = await publicClient.readContract({
 *   address: contracts.token,
 *   abi: daimmTokenAbi,
 *   functionName: 'name',
 * })
 */
export function getDeployment(chainId: number): Deployment {
  const deployment = known[chainId]
  if (!deployment) throw new UnknownDeploymentError({ chainId, knownChainIds })
  return { ...deployment, contracts: { ...deployment.contracts } }
}

/**
 * Checks a custom deployment, such as the parsed `deployments/<chainId>.json` of your own
 * deployment, and returns it typed.
 *
 * @throws {InvalidDeploymentError} naming the first field that is missing or malformed.
 * @example
 * const deployment = parseDeployment(JSON.parse(await readFile('deployments/8453.json', 'utf8')))
 */
export function parseDeployment(value: unknown): Deployment {
  const root = record(value, 'deployment')
  const contracts = record(root.contracts, 'contracts')
  return {
    chainId: integer(root.chainId, 'chainId'),
    contracts: Object.fromEntries(
      deploymentContractNames.map((name) => [name, address(contracts[name], `contracts.${name}`)]),
    ) as DeploymentContracts,
    deployer: address(root.deployer, 'deployer'),
    guardian: address(root.guardian, 'guardian'),
    salt: bytes32(root.salt, 'salt'),
    startBlock: integer(root.startBlock, 'startBlock'),
    ...(root.genesis === undefined ? {} : { genesis: parseGenesis(root.genesis) }),
  }
}

function parseGenesis(value: unknown): DeploymentGenesis {
  const genesis = record(value, 'genesis')
  if (!Array.isArray(genesis.vestingWallets))
    throw new InvalidDeploymentError({ path: 'genesis.vestingWallets', expected: 'a list' })
  const amount = genesis.airdropAmount
  const airdropAmount = typeof amount === 'number' ? BigInt(amount).toString() : amount
  if (typeof airdropAmount !== 'string' || !/^\d+$/.test(airdropAmount))
    throw new InvalidDeploymentError({
      path: 'genesis.airdropAmount',
      expected: 'a non-negative integer',
    })
  return {
    vestingWallets: genesis.vestingWallets.map((wallet, i) =>
      address(wallet, `genesis.vestingWallets.${i}`),
    ),
    airdropRoot: bytes32(genesis.airdropRoot, 'genesis.airdropRoot'),
    airdropAmount,
    airdropDeadline: integer(genesis.airdropDeadline, 'genesis.airdropDeadline'),
  }
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidDeploymentError({ path, expected: 'an object' })
  return value as Record<string, unknown>
}

function integer(value: unknown, path: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new InvalidDeploymentError({ path, expected: 'a non-negative integer' })
  return value as number
}

function address(value: unknown, path: string): Address {
  if (typeof value !== 'string' || !isAddress(value))
    throw new InvalidDeploymentError({
      path,
      expected: 'a 20-byte hex address (checksummed if mixed-case)',
    })
  return getAddress(value)
}

function bytes32(value: unknown, path: string): Hex {
  if (!isHex(value, { strict: true }) || value.length !== 66)
    throw new InvalidDeploymentError({ path, expected: 'a 32-byte hex string' })
  return value
}
