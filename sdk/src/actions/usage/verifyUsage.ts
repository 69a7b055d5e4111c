import type { Address, Hex } from 'viem'
import * as usageAnchors from '../../generated/abi/usageAnchors.js'
import { type UsageEntry, usageEntryHash } from '../../usage/entry.js'
import { verifyUsageProof } from '../../usage/merkle.js'
import type { DaimmContext } from '../context.js'
import { type ModelId, toModelId, toTokenId } from '../registry/types.js'

/** The usageAnchors ABI items this action uses (errors decode from the protocol's table). */
const usageAnchorsAbi = [usageAnchors.anchorOf] as const

/** Where an entry sits under an anchored root, as a gateway's `GET /v1/usage/proofs` gives it. */
export type UsageProof = {
  seq: bigint
  /** Index of the model's anchor whose root covers the entry. */
  anchorIndex: number
  /** Sibling hashes from the entry's leaf up to the root. */
  proof: readonly Hex[]
}

export type UsageFailureReason =
  /** The entry's fields do not hash to the hash the gateway listed with it. */
  | 'hash-mismatch'
  /** The entry belongs to another model than the one verified. */
  | 'other-model'
  /** The entry belongs to another licensee than the one verified. */
  | 'other-licensee'
  /** No proof for the entry, or no such anchor on-chain (not anchored yet). */
  | 'not-anchored'
  /** The anchor named does not cover the entry's position. */
  | 'outside-anchor'
  /** The entry, as given, is not under the anchored root: it was altered, or never logged. */
  | 'not-in-anchor'

export type UsageFailure = {
  seq: bigint
  /** The hash recomputed from the entry's fields. */
  entryHash: Hex
  reason: UsageFailureReason
  message: string
}

export type VerifyUsageParameters = {
  /** The licensee's entries; `entryHash`, when the gateway listed one, is checked too. */
  entries: readonly (UsageEntry & { entryHash?: Hex | undefined })[]
  proofs: readonly UsageProof[]
  /** Every entry must be of this model. */
  modelId?: ModelId | undefined
  /** Every entry must be of this licensee. */
  licensee?: Address | undefined
}
export type VerifyUsageReturnType = {
  /** True when every entry verified. */
  ok: boolean
  verified: number
  failures: UsageFailure[]
}

/**
 * Checks a licensee's usage entries against the roots anchored on-chain: recomputes each entry's
 * hash from its fields, and checks its inclusion proof against the root `UsageAnchors` holds for
 * the entry's model (read from the chain, never from the gateway). Reports each entry that fails,
 * by position and reason.
 *
 * @example
 * const { ok, failures } = await daimm.usage.verify({ entries, proofs, licensee: me })
 * for (const f of failures) console.error(`entry ${f.seq}: ${f.message}`)
 */
export async function verifyUsage(
  ctx: DaimmContext,
  { entries, proofs, modelId, licensee }: VerifyUsageParameters,
): Promise<VerifyUsageReturnType> {
  const bySeq = new Map(proofs.map((p) => [p.seq, p]))
  const anchors = new Map<string, Promise<{ root: Hex; fromSeq: bigint; toSeq: bigint } | null>>()
  const anchorOf = (model: bigint, index: number) => {
    const key = `${model}/${index}`
    let anchor = anchors.get(key)
    if (!anchor) {
      anchor = ctx.publicClient
        .readContract({
          address: ctx.deployment.contracts.usageAnchors,
          abi: usageAnchorsAbi,
          functionName: 'anchorOf',
          args: [model, BigInt(index)],
        })
        // `UnknownAnchor`: nothing anchored at that index (yet).
        .catch(() => null)
      anchors.set(key, anchor)
    }
    return anchor
  }

  const wantModel = modelId === undefined ? undefined : toTokenId(modelId)
  const failures: UsageFailure[] = []
  for (const entry of entries) {
    const hash = usageEntryHash(entry)
    const fail = (reason: UsageFailureReason, message: string) =>
      failures.push({ seq: entry.seq, entryHash: hash, reason, message })
    const model = toTokenId(entry.modelId)
    if (entry.entryHash !== undefined && entry.entryHash.toLowerCase() !== hash) {
      fail('hash-mismatch', `its fields hash to ${hash}, not to the listed ${entry.entryHash}`)
      continue
    }
    if (wantModel !== undefined && model !== wantModel) {
      fail(
        'other-model',
        `it is an entry of model ${toModelId(model)}, not of ${toModelId(wantModel)}`,
      )
      continue
    }
    if (licensee !== undefined && entry.licensee.toLowerCase() !== licensee.toLowerCase()) {
      fail('other-licensee', `it is an entry of ${entry.licensee}, not of ${licensee}`)
      continue
    }
    const proof = bySeq.get(entry.seq)
    if (!proof) {
      fail('not-anchored', 'the gateway gave no proof for it (not anchored yet?)')
      continue
    }
    const anchor = await anchorOf(model, proof.anchorIndex)
    if (!anchor) {
      fail('not-anchored', `model ${toModelId(model)} has no anchor ${proof.anchorIndex} on-chain`)
      continue
    }
    if (entry.seq < anchor.fromSeq || entry.seq > anchor.toSeq) {
      fail(
        'outside-anchor',
        `anchor ${proof.anchorIndex} covers entries ${anchor.fromSeq}..${anchor.toSeq}, not ${entry.seq}`,
      )
      continue
    }
    if (!verifyUsageProof(anchor.root, hash, proof.proof))
      fail(
        'not-in-anchor',
        `the entry as given is not under root ${anchor.root} anchored on-chain (anchor ${proof.anchorIndex}): it was altered`,
      )
  }
  return { ok: failures.length === 0, verified: entries.length - failures.length, failures }
}
