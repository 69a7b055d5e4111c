/**
 * `npm start` (and `daimm gateway`): the whole local marketplace. Starts anvil, deploys the protocol,
 * seeds it (the demo's story and sample models, offers and sales), starts the gateway on embedded
 * PGlite, prints `api  http://127.0.0.1:<port>` (DAIMM_API_PORT, or a free port), and stays up until
 * Ctrl-C or SIGTERM; then it stops the gateway and anvil and leaves no process behind.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { type Anvil, deployProtocol, findRepoRoot, startAnvil } from '../../sdk/src/cli/devnet.js'
import { type Gateway, startGateway } from './gateway.js'
import type { Deployment } from './sdk.js'
import { seedLicensedModel, seedMarketplace } from './seed.js'

export type RunStartParameters = {
  log: (line: string) => void
  port?: number | undefined
  /** Resolves once the gateway is up; `stop` ends everything. */
  onReady?:
    | ((ready: {
        url: string
        rpcUrl: string
        stop: () => Promise<void>
        /** What a server beside the API needs (app/server serves the web app). */
        deployment: Deployment
        storeDir: string
      }) => void | Promise<void>)
    | undefined
  /** Stop on SIGINT/SIGTERM and exit (default true). */
  handleSignals?: boolean | undefined
}

export async function runStart({ log, port, onReady, handleSignals = true }: RunStartParameters) {
  const started = performance.now()
  const root = findRepoRoot(process.cwd())
  const dir = join(root, '.daimm', 'start')
  let anvil: Anvil | undefined
  let gateway: Gateway | undefined
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      if (orphanWatch) clearInterval(orphanWatch)
      await gateway?.stop().catch(() => {})
      await anvil?.stop().catch(() => {})
    })()
    return stopping
  }
  const onSignal = (signal: NodeJS.Signals) => {
    log(`\n${signal}: stopping the gateway and anvil`)
    void stop().finally(() => process.exit(0))
  }
  let orphanWatch: ReturnType<typeof setInterval> | undefined
  if (handleSignals) {
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    process.once('SIGHUP', onSignal)
    // A wrapper (npm, sh, tsx) that dies of a signal without passing it on leaves this process
    // orphaned: it notices its parent changed and stops everything as for SIGTERM.
    const parent = process.ppid
    orphanWatch = setInterval(() => {
      if (process.ppid !== parent) onSignal('SIGTERM')
    }, 500)
    orphanWatch.unref()
  }
  try {
    // A fresh chain each time: the data of the last run describes a chain that is gone.
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    anvil = await startAnvil({ root })
    log(`chain  ${anvil.rpcUrl}  (anvil)`)
    const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl, root })
    log(`deployed the protocol (${seconds(started)} s)`)
    const storeDir = join(dir, 'store')
    await seedMarketplace({ rpcUrl: anvil.rpcUrl, deployment, root, storeDir, log })
    log(`seeded (${seconds(started)} s)`)
    gateway = await startGateway({
      rpcUrl: anvil.rpcUrl,
      deployment,
      dataDir: join(dir, 'db'),
      storeDir,
      port,
      confirmations: 0,
      log,
      // Licensed content on: the key store is encrypted at rest under this key (a fresh one for a
      // fresh chain, unless DAIMM_GATEWAY_MASTER_KEY names one).
      masterKey: process.env.DAIMM_GATEWAY_MASTER_KEY || randomBytes(32),
    })
    // The encrypted model goes through the running gateway, as a publisher's would.
    await seedLicensedModel({
      rpcUrl: anvil.rpcUrl,
      deployment,
      root,
      storeDir,
      gatewayUrl: gateway.url as string,
      log,
    })
    await gateway.writer?.synced()
    await gateway.cards?.runOnce()
    const url = gateway.url as string
    log(`api  ${url}`)
    log(`docs ${url}/docs   try ${url}/v1/models?q=iris`)
    log(`ready in ${seconds(started)} s; Ctrl-C stops everything`)
    await onReady?.({ url, rpcUrl: anvil.rpcUrl, stop, deployment, storeDir })
  } catch (error) {
    await stop()
    throw error
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1)
}

// Run directly: `npm start` / `tsx gateway/src/start.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = process.env.DAIMM_API_PORT ? Number(process.env.DAIMM_API_PORT) : undefined
  runStart({ log: (line) => console.log(line), port }).catch((error) => {
    console.error(`daimm start: ${(error as Error)?.message ?? error}`)
    process.exit(1)
  })
}
