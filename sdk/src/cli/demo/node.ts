import { setTimeout as delay } from 'node:timers/promises'
import { createPublicClient, http } from 'viem'
import type { Deployment } from '../../deployments.js'
import { type Anvil, deployProtocol, startAnvil } from '../devnet.js'
import { DevnetError } from '../errors.js'

export type StartNodeParameters = {
  root: string
  log: (line: string) => void
  /** Called with each node started, so that whoever stops the demo can stop it. */
  onStarted: (anvil: Anvil) => void
  /** Deploys tried before giving up. Default 4. */
  attempts?: number | undefined
  /** A broadcast with no new block for this long has stalled. Default 8 s. */
  stallMs?: number | undefined
}

/**
 * Starts anvil and deploys the protocol on it with the forge script.
 *
 * Now and then anvil's automine loses or strands one of the transactions that forge broadcasts
 * concurrently (foundry-rs/foundry#10122, #10630): forge then polls for a receipt that never comes,
 * until its timeout. So the broadcast is watched: once blocks have started to come (compiling and
 * simulating mine none), no new block for `stallMs` means it stalled. Then the node is stopped,
 * which ends forge, and the deploy starts over on a fresh node.
 */
export async function startNodeAndDeploy({
  root,
  log,
  onStarted,
  attempts = 4,
  stallMs = 8_000,
}: StartNodeParameters): Promise<{ anvil: Anvil; deployment: Deployment; seconds: number }> {
  for (let attempt = 1; ; attempt++) {
    const anvil = await startAnvil({ root })
    onStarted(anvil)
    log(`  anvil at ${anvil.rpcUrl}`)
    const started = performance.now()
    const deploying = deployProtocol({ rpcUrl: anvil.rpcUrl, root })
    const watch = watchForStall(anvil.rpcUrl, stallMs)
    try {
      const outcome = await Promise.race([deploying, watch.stalled])
      if (outcome !== 'stalled')
        return {
          anvil,
          deployment: outcome,
          seconds: (performance.now() - started) / 1000,
        }
    } finally {
      watch.stop()
    }
    // Stopping the node makes forge fail at its next request; wait for it to exit.
    await anvil.stop()
    await Promise.race([deploying.catch(() => undefined), delay(15_000)])
    if (attempt >= attempts)
      throw new DevnetError(
        `The deployment stalled ${attempts} times: anvil left a broadcast transaction unmined each time.`,
      )
    log(`  the broadcast stalled (anvil left a transaction unmined): deploying again on a new node`)
  }
}

/** Resolves `stalled` when blocks have started to come and then none came for `stallMs`. */
function watchForStall(rpcUrl: string, stallMs: number) {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 2_000 }) })
  let watching = true
  const stalled = (async () => {
    let last = { block: 0n, at: Date.now() }
    while (watching) {
      await delay(250)
      const block = await client.getBlockNumber({ cacheTime: 0 }).catch(() => undefined)
      if (block === undefined || !watching) continue
      if (block !== last.block) last = { block, at: Date.now() }
      else if (block > 0n && Date.now() - last.at > stallMs) return 'stalled' as const
    }
    return new Promise<never>(() => {})
  })()
  return {
    stalled,
    stop: () => {
      watching = false
    },
  }
}
