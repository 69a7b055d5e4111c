/**
 * The flags every on-chain `daimm` command shares — which node (`--rpc`), which chain
 * (`--chain`), which deployment (`--deployment`), and which key (`--keystore`, or
 * `DAIMM_PRIVATE_KEY`) — and the clients they make.
 */
import { readFile } from 'node:fs/promises'
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type LocalAccount,
  type PublicClient,
  type WalletClient,
} from 'viem'
import { DEV_CHAIN_IDS } from '../actions/blocks.js'
import { createDaimmClient, type DaimmClient } from '../client.js'
import { type Deployment, getDeployment, parseDeployment } from '../deployments.js'
import { DaimmError, UnknownDeploymentError } from '../errors.js'
import { type CliIo, CliUsageError } from './command.js'
import { loadSigner, terminalPrompt } from './keys.js'

/** The node asked when neither `--rpc` nor `DAIMM_RPC_URL` names one: a local anvil. */
export const DEFAULT_RPC_URL = 'http://127.0.0.1:8545'
/** The environment variable read when `--rpc` is not given. */
export const RPC_URL_ENV = 'DAIMM_RPC_URL'

/** Local development chains: anvil, hardhat, ganache. Their blocks come fast: poll often. */

/** `parseArgs` options of the connection flags, for every on-chain command. */
export const chainOptions = {
  rpc: { type: 'string' },
  chain: { type: 'string' },
  deployment: { type: 'string' },
} as const

/** `parseArgs` options of the signer flag, for commands that send transactions. */
export const signerOptions = { keystore: { type: 'string' } } as const

/** The help lines of the connection flags. */
export const chainHelp = `  --rpc <url>            JSON-RPC URL of the node (default: $${RPC_URL_ENV}, else ${DEFAULT_RPC_URL})
  --chain <id>           the chain id the node must have; picks the deployment the SDK ships for it
                           (default: whatever the node reports)
  --deployment <file>    a deployments/<chainId>.json of your own deployment, instead of a shipped one`

/** The help lines of the signer flag. */
export const signerHelp = `  --keystore <file>      sign with this encrypted JSON keystore (V3); password from
                           $DAIMM_KEYSTORE_PASSWORD, else asked on the terminal
                           (default: the key in $DAIMM_PRIVATE_KEY; keys are never printed)`

/** Where a command runs: its streams, plus the environment and stdin (`process` in the CLI). */
export type ChainIo = CliIo & {
  env?: Readonly<Record<string, string | undefined>> | undefined
  stdin?: NodeJS.ReadStream | undefined
}

export type ChainFlags = {
  rpc?: string | undefined
  chain?: string | undefined
  deployment?: string | undefined
  keystore?: string | undefined
}

/** A connection to the protocol on one node, as a command uses it. */
export type ChainConnection = {
  rpcUrl: string
  chainId: number
  chain: Chain
  deployment: Deployment
  publicClient: PublicClient
  /** A client over the protocol; it sends transactions when a signer was asked for. */
  daimm: DaimmClient
}

/** A connection that signs: `account` sends every write. */
export type SignerConnection = ChainConnection & {
  account: LocalAccount
  walletClient: WalletClient
}

/** The node did not answer, or answered for another chain than `--chain`. */
export class ChainConnectionError extends DaimmError {
  override name = 'ChainConnectionError'
}

/**
 * Connects to the node the flags name, checks its chain id against `--chain`, picks the
 * deployment (`--deployment`, else the SDK's for that chain) and checks it has code there. With
 * `signer`, also loads the key (`--keystore` or `DAIMM_PRIVATE_KEY`) — before any network call,
 * so a missing key fails fast.
 *
 * @example
 * const { daimm, account } = await connectChain(values, io, { command: 'stake', signer: true })
 */
export async function connectChain(
  flags: ChainFlags,
  io: ChainIo,
  options: { command: string; signer: true },
): Promise<SignerConnection>
export async function connectChain(
  flags: ChainFlags,
  io: ChainIo,
  options: { command: string; signer?: false | undefined },
): Promise<ChainConnection>
export async function connectChain(
  flags: ChainFlags,
  io: ChainIo,
  { command, signer }: { command: string; signer?: boolean | undefined },
): Promise<ChainConnection | SignerConnection> {
  const env = io.env ?? process.env
  const expectedChainId = flags.chain === undefined ? undefined : parseChainId(flags.chain)
  const account = signer
    ? await loadSigner({
        keystore: flags.keystore,
        env,
        prompt: terminalPrompt(io.stdin ?? process.stdin, io.stderr),
        command,
      })
    : undefined
  const rpcUrl = flags.rpc ?? env[RPC_URL_ENV] ?? DEFAULT_RPC_URL
  const fileDeployment =
    flags.deployment === undefined ? undefined : await readDeployment(flags.deployment)

  let chainId: number
  try {
    new URL(rpcUrl)
  } catch {
    throw new CliUsageError(`--rpc takes a URL, not ${JSON.stringify(rpcUrl)}.`, {
      fix: `For example: --rpc ${DEFAULT_RPC_URL}`,
    })
  }
  try {
    chainId = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }).getChainId()
  } catch (error) {
    const reason = ((error as { shortMessage?: string }).shortMessage ?? (error as Error).message)
      .split('\n')[0]
      ?.replace(/\.$/, '')
    throw new ChainConnectionError(`No node answers at ${redact(rpcUrl)} (${reason}).`, {
      metaMessages: [
        `Pass --rpc <url> (or set ${RPC_URL_ENV}); for a local chain, start one with \`anvil\` (in a checkout of the DAIMM repository: \`lib/bin/anvil\`).`,
      ],
    })
  }
  if (expectedChainId !== undefined && expectedChainId !== chainId)
    throw new ChainConnectionError(
      `The node at ${redact(rpcUrl)} is chain ${chainId}, not ${expectedChainId} as --chain says.`,
      { metaMessages: ['Point --rpc at a node of that chain, or drop --chain.'] },
    )
  let deployment: Deployment
  if (fileDeployment) {
    if (fileDeployment.deployment.chainId !== chainId)
      throw new ChainConnectionError(
        `${fileDeployment.path} is a deployment on chain ${fileDeployment.deployment.chainId}, but the node at ${redact(rpcUrl)} is chain ${chainId}.`,
      )
    deployment = fileDeployment.deployment
  } else {
    try {
      deployment = getDeployment(chainId)
    } catch (error) {
      if (!(error instanceof UnknownDeploymentError)) throw error
      throw new ChainConnectionError(
        `The SDK knows no DAIMM deployment on chain ${chainId} (it knows ${error.knownChainIds.join(', ') || 'none'}).`,
        { metaMessages: ['Pass --deployment <file>: the deployments/<chainId>.json of yours.'] },
      )
    }
  }

  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  const pollingInterval = DEV_CHAIN_IDS.has(chainId) ? 100 : 1_000
  const transport = http(rpcUrl)
  const publicClient = createPublicClient({ chain, transport, pollingInterval }) as PublicClient
  const registryCode = await publicClient.getCode({ address: deployment.contracts.registry })
  if (!registryCode || registryCode === '0x')
    throw new ChainConnectionError(
      `Chain ${chainId} has no contract at the deployment's registry address ${deployment.contracts.registry}: the deployment is not on this node.`,
      {
        metaMessages: [
          'Deploy the protocol there, or pass --deployment <file> with the addresses of yours.',
        ],
      },
    )
  if (!account) {
    const daimm = createDaimmClient({ publicClient, deployment })
    return { rpcUrl, chainId, chain, deployment, publicClient, daimm }
  }
  const walletClient = createWalletClient({ account, chain, transport, pollingInterval })
  const daimm = createDaimmClient({ publicClient, walletClient, deployment })
  return { rpcUrl, chainId, chain, deployment, publicClient, daimm, account, walletClient }
}

/** `--chain 31337`: a chain id. */
export function parseChainId(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text)))
    throw new CliUsageError(
      `--chain takes a chain id (a whole number), not ${JSON.stringify(text)}.`,
      {
        fix: 'For example: --chain 31337 for a local anvil, --chain 8453 for Base.',
      },
    )
  return Number(text)
}

async function readDeployment(path: string): Promise<{ path: string; deployment: Deployment }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ChainConnectionError(
      `The deployment file ${path} cannot be read (${(error as { code?: string }).code ?? 'unknown error'}).`,
    )
  }
  try {
    return { path, deployment: parseDeployment(JSON.parse(text)) }
  } catch (error) {
    const reason =
      error instanceof DaimmError
        ? error.shortMessage
        : `it is not JSON (${(error as Error).message})`
    throw new ChainConnectionError(`The deployment file ${path} is not a deployment: ${reason}`, {
      metaMessages: ['Give the deployments/<chainId>.json that script/Deploy.s.sol writes.'],
    })
  }
}

/** A URL without its credentials, query or long path segments (API keys sit there), for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    const hadQuery = parsed.search !== ''
    parsed.search = ''
    // Providers put API keys in the path too (…/v2/<key>): long opaque segments are hidden.
    parsed.pathname = parsed.pathname
      .split('/')
      .map((segment) => (/^[\w-]{16,}$/.test(segment) ? 'REDACTED' : segment))
      .join('/')
    const shown = parsed.toString().replace(/\/$/, '').replaceAll('REDACTED', '…')
    return `${shown}${hadQuery ? '?…' : ''}`
  } catch {
    return url
  }
}
