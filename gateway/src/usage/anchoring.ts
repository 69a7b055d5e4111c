/**
 * The anchoring job: periodically, for each model with usage entries the chain has not anchored, the
 * Merkle root of those entries is sent to UsageAnchors from the gateway's operator account (which the
 * model's owner delegated with `usage.setOperator`).
 *
 * The chain is the source of truth for what is anchored: each run reads `lastSeq(model)` and covers
 * entries after it. A row is recorded 'pending' before the transaction is sent; a run that finds one
 * (a crash or a failed transaction before) settles it against the chain first, marking it anchored if
 * the chain holds its root, or dropping it to be rebuilt. The contract refuses a range that does not
 * start after the last, so no entry is ever anchored twice.
 */
import type { Account, Hex } from 'viem'
import { createPublicClient, createWalletClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { usageAnchorsAbi } from '../../../sdk/src/generated/contracts.js'
import type { Db } from '../db.js'
import { createDaimmClient, type Deployment, usageEntryHash, usageMerkleRoot } from '../sdk.js'
import { entryOfRow, type UsageRow } from './entries.js'

export type AnchoringParameters = {
  db: Db
  rpcUrl: string
  deployment: Deployment
  /** The operator account that sends anchors. */
  account: Account
  /** Milliseconds between runs. Default 60 s. */
  interval?: number | undefined
  log?: ((line: string) => void) | undefined
  /** Tests: called after a transaction is mined and before the database records it (a crash there). */
  afterSend?: ((modelId: string) => Promise<void>) | undefined
}

export type AnchorJob = {
  /** One pass over every model with unanchored entries; resolves to the anchors it made. */
  runOnce(): Promise<{ modelId: string; fromSeq: bigint; toSeq: bigint; count: number }[]>
  stop(): Promise<void>
}

export function startAnchoring(parameters: AnchoringParameters): AnchorJob {
  const { db, deployment, account } = parameters
  const log = parameters.log ?? (() => {})
  const transport = http(parameters.rpcUrl)
  const chainId = deployment.chainId
  const chain = { ...foundry, id: chainId }
  const publicClient = createPublicClient({ chain, transport })
  const daimm = createDaimmClient({
    publicClient,
    walletClient: createWalletClient({ account, chain, transport }),
    deployment,
  })
  const anchors = { address: deployment.contracts.usageAnchors, abi: usageAnchorsAbi } as const
  const refused = new Set<string>()

  /** A pending row from an earlier run: the chain says whether its transaction landed. */
  async function settle(modelId: string) {
    const [pending] = await db.query<{ from_seq: string; root: string; anchor_index: number }>(
      `SELECT from_seq::text, root, anchor_index FROM usage_anchors WHERE model_id = $1 AND status = 'pending'`,
      [modelId],
    )
    if (!pending) return
    const count = await publicClient.readContract({
      ...anchors,
      functionName: 'anchorCount',
      args: [BigInt(modelId)],
    })
    const landed =
      count > BigInt(pending.anchor_index) &&
      (
        await publicClient.readContract({
          ...anchors,
          functionName: 'anchorOf',
          args: [BigInt(modelId), BigInt(pending.anchor_index)],
        })
      ).root === pending.root
    if (landed) {
      await db.query(
        `UPDATE usage_anchors SET status = 'anchored', anchored_at = now() WHERE model_id = $1 AND from_seq = $2`,
        [modelId, pending.from_seq],
      )
      log(`usage: anchor ${pending.anchor_index} of ${modelId} had landed before a restart`)
    } else {
      await db.query(`DELETE FROM usage_anchors WHERE model_id = $1 AND from_seq = $2`, [
        modelId,
        pending.from_seq,
      ])
    }
  }

  async function anchorModel(modelId: string) {
    await settle(modelId)
    const id = BigInt(modelId)
    if (!(await daimm.usage.canAnchor({ modelId: id, account: account.address }))) {
      if (!refused.has(modelId))
        log(`usage: ${account.address} may not anchor model ${modelId} (not delegated): skipped`)
      refused.add(modelId)
      return undefined
    }
    refused.delete(modelId)
    const [last, index] = await Promise.all([
      publicClient.readContract({ ...anchors, functionName: 'lastSeq', args: [id] }),
      publicClient.readContract({ ...anchors, functionName: 'anchorCount', args: [id] }),
    ])
    const rows = await db.query<UsageRow>(
      'SELECT * FROM usage_log WHERE model_id = $1 AND seq > $2 ORDER BY seq',
      [modelId, last.toString()],
    )
    if (rows.length === 0) return undefined
    const hashes = rows.map((row) => usageEntryHash(entryOfRow(row)))
    const root: Hex = usageMerkleRoot(hashes)
    const fromSeq = last + 1n
    const toSeq = BigInt(rows.at(-1)?.seq as string | number)
    await db.query(
      `INSERT INTO usage_anchors (model_id, from_seq, to_seq, entry_count, root, anchor_index, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending')`,
      [modelId, fromSeq.toString(), toSeq.toString(), rows.length, root, Number(index)],
    )
    try {
      const { hash } = await daimm.usage.anchor({
        modelId: id,
        root,
        fromSeq,
        toSeq,
        count: rows.length,
      })
      await parameters.afterSend?.(modelId)
      await db.query(
        `UPDATE usage_anchors SET status = 'anchored', tx_hash = $3, anchored_at = now()
         WHERE model_id = $1 AND from_seq = $2`,
        [modelId, fromSeq.toString(), hash],
      )
    } catch (error) {
      // Left pending: the next run settles it against the chain (it may have landed) and retries.
      log(
        `usage: anchoring ${modelId} failed, will retry: ${(error as Error).message.split('\n')[0]}`,
      )
      throw error
    }
    log(`usage: anchored ${rows.length} entries of ${modelId} (${fromSeq}..${toSeq})`)
    return { modelId, fromSeq, toSeq, count: rows.length }
  }

  let running: Promise<unknown> = Promise.resolve()
  async function runOnce() {
    const run = (async () => {
      const models = await db.query<{ model_id: string }>(
        `SELECT l.model_id FROM usage_log l
         WHERE l.seq > COALESCE((SELECT max(a.to_seq) FROM usage_anchors a
                                 WHERE a.model_id = l.model_id AND a.status = 'anchored'), 0)
         GROUP BY l.model_id ORDER BY min(l.seq)`,
      )
      const made = []
      for (const { model_id } of models) {
        try {
          const anchored = await anchorModel(model_id)
          if (anchored) made.push(anchored)
        } catch {
          // Logged; the other models still get anchored.
        }
      }
      return made
    })()
    running = run.catch(() => {})
    return run
  }

  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const loop = () => {
    if (stopped) return
    timer = setTimeout(async () => {
      await runOnce().catch((error: unknown) => log(`usage: anchoring run failed: ${error}`))
      loop()
    }, parameters.interval ?? 60_000)
  }
  loop()

  return {
    runOnce,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
