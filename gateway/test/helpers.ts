import { mkdtemp, rm } from 'node:fs/promises'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, createWalletClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import {
  ANVIL_PRIVATE_KEY_0,
  type Anvil,
  deployProtocol,
  startAnvil,
} from '../../sdk/src/cli/devnet.js'
import { createDaimmClient } from '../../sdk/src/client.js'
import { computeCid, type Deployment, fingerprint } from '../src/sdk.js'

export type TestChain = { anvil: Anvil; deployment: Deployment; dir: string; stop(): Promise<void> }

/** Anvil with the protocol deployed, and a temporary directory. */
export async function startChain(): Promise<TestChain> {
  const dir = await mkdtemp(join(tmpdir(), 'daimm-gateway-test-'))
  const anvil = await startAnvil()
  try {
    const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl })
    return {
      anvil,
      deployment,
      dir,
      async stop() {
        await anvil.stop()
        await rm(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await anvil.stop()
    throw error
  }
}

/**
 * A TCP relay in front of a server, that can be cut and restored: the chain "goes down" for whoever
 * connects through it (connections refused and open ones dropped) while the node keeps its state.
 */
export async function startRelay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host)
        sockets.add(client)
        sockets.add(upstream)
        client.pipe(upstream).pipe(client)
        const close = () => {
          client.destroy()
          upstream.destroy()
          sockets.delete(client)
          sockets.delete(upstream)
        }
        client.on('error', close).on('close', close)
        upstream.on('error', close).on('close', close)
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as { port: number } | null)?.port ?? port
        resolve()
      })
    })
  await listen()
  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    async down() {
      for (const s of sockets) s.destroy()
      sockets.clear()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      server = undefined
    },
    up: listen,
  }
}

/** Registers a model with random bytes as the anvil account 0; resolves to its id. */
export async function registerRandomModel(rpcUrl: string, deployment: Deployment): Promise<Hex> {
  const transport = http(rpcUrl, { retryCount: 0 })
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 })
  const walletClient = createWalletClient({
    chain: foundry,
    transport,
    account: privateKeyToAccount(ANVIL_PRIVATE_KEY_0),
  })
  const daimm = createDaimmClient({ publicClient, walletClient, deployment })
  const bytes = crypto.getRandomValues(new Uint8Array(64))
  const { cid } = await computeCid(bytes)
  const { id } = await daimm.registry.register({
    registration: { fingerprint: await fingerprint(bytes), artifactCid: cid, metadataCid: cid },
  })
  return id
}
