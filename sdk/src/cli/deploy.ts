import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createPublicClient, type Hex, http, type PublicClient } from 'viem'
import { type Deployment, parseDeployment } from '../deployments.js'
import { DevnetError } from './errors.js'
import { run } from './process.js'
import { findRepoRoot, foundryBin } from './repo.js'

/** Private key of anvil's default account 0. It is public: never use it on a real chain. */
export const ANVIL_PRIVATE_KEY_0: Hex =
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

export type DeployProtocolParameters = {
  rpcUrl: string
  /**
   * Key that sends the deployment. Default: anvil's account 0. It goes on forge's command line,
   * where other local users can see it: pass development keys only.
   */
  privateKey?: Hex | undefined
  /** How long forge may take, compilation included. Default: 5 minutes. */
  timeoutMs?: number | undefined
  /** Repo root (the directory with foundry.toml). Default: found from this file. */
  root?: string | undefined
}

const DEPLOY_SCRIPT = 'script/Deploy.s.sol'

/**
 * Deploys the protocol with `forge script script/Deploy.s.sol --broadcast` and returns the
 * deployment the script wrote to `deployments/<chainId>.json`.
 *
 * @example
 * const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl })
 * deployment.contracts.token // '0x…'
 */
export async function deployProtocol(parameters: DeployProtocolParameters): Promise<Deployment> {
  const { rpcUrl, privateKey = ANVIL_PRIVATE_KEY_0, timeoutMs = 300_000 } = parameters
  const root = parameters.root ?? findRepoRoot()
  const forge = foundryBin(root, 'forge')
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
  const chainId = await client.getChainId().catch((error: Error) => {
    const reason = error.message.split('\n')[0]?.replace(/\.$/, '')
    throw new DevnetError(
      `No node answers at ${rpcUrl} (${reason}). Start one with startAnvil() or \`lib/bin/anvil\`.`,
    )
  })
  const record = join(root, 'deployments', `${chainId}.json`)
  await runDeployScript({ forge, root, rpcUrl, privateKey, timeoutMs, record })
  return readRecord({ record, chainId, client, rpcUrl })
}

async function runDeployScript({
  forge,
  root,
  rpcUrl,
  privateKey,
  timeoutMs,
  record,
}: {
  forge: string
  root: string
  rpcUrl: string
  privateKey: Hex
  timeoutMs: number
  record: string
}): Promise<void> {
  // The script writes its record while it simulates, before anything is sent: should the broadcast
  // fail, the record (possibly a committed one) is put back as it was.
  const previous = await readFile(record, 'utf8').catch(() => undefined)
  // --slow: one transaction at a time, each after the last one's receipt. Sent concurrently, anvil's
  // automine now and then leaves one unmined and forge waits for it until it times out (about one
  // deploy in ten here); one at a time costs about a second.
  const args = ['script', DEPLOY_SCRIPT, '--rpc-url', rpcUrl, '--broadcast', '--slow']
  const result = await run(forge, [...args, '--private-key', privateKey], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    timeoutMs,
  })
  if (!result.timedOut && result.code === 0) return

  await (previous === undefined ? rm(record, { force: true }) : writeFile(record, previous))
  const command = `forge ${args.join(' ')}`
  if (result.timedOut)
    throw new DevnetError(
      `${command} did not finish within ${timeoutMs / 1000} s. A first compilation with solc-js is slow: run \`lib/bin/forge build\` at the repo root first, or raise timeoutMs.`,
    )
  throw new DevnetError(
    [
      `Deploying failed: ${command} exited with ${result.signal ?? `code ${result.code}`}.`,
      `Last lines forge printed:\n${`${result.stderr}` || `${result.stdout}` || '(nothing)'}`,
      `To see everything, run it yourself from ${root} (add --private-key <key>); \`lib/bin/forge build\` shows compiler errors.`,
    ].join('\n'),
  )
}

/** Reads the record the script wrote, and checks that it describes the contracts on this node. */
async function readRecord({
  record,
  chainId,
  client,
  rpcUrl,
}: {
  record: string
  chainId: number
  client: PublicClient
  rpcUrl: string
}): Promise<Deployment> {
  let deployment: Deployment
  try {
    deployment = parseDeployment(JSON.parse(await readFile(record, 'utf8')))
  } catch (error) {
    throw new DevnetError(
      `forge deployed, but its record ${record} could not be read: ${(error as Error).message}`,
    )
  }
  if (deployment.chainId !== chainId)
    throw new DevnetError(
      `${record} is for chain ${deployment.chainId}, but ${rpcUrl} is ${chainId}.`,
    )
  for (const [name, address] of Object.entries(deployment.contracts)) {
    const code = await client.getCode({ address })
    if (!code || code === '0x')
      throw new DevnetError(
        `${record} lists ${name} at ${address}, but ${rpcUrl} has no code there: the record is stale. Check that ${DEPLOY_SCRIPT} writes it on --broadcast.`,
      )
  }
  return deployment
}
