import { type Hex, hexToBytes, isHex } from 'viem'
import { cidToOnchain } from '../../cid/cid-to-onchain.js'
import { InvalidCidError } from '../../cid/errors.js'
import { DaimmError } from '../../errors.js'
import * as modelRegistry from '../../generated/abi/modelRegistry.js'
import type { DaimmContext } from '../context.js'
import { readOrExplain } from '../write.js'
import { assetKinds, type CidInput, type Registration, relations, toTokenId } from './types.js'

/** The modelRegistry ABI items this action uses (errors decode from the protocol's table). */
const modelRegistryAbi = [modelRegistry.exists] as const

/** Why a registration is refused before anything is sent. */
export type InvalidRegistrationReason =
  | 'fingerprint'
  | 'cid'
  | 'kind'
  | 'relation'
  | 'relation-without-parent'
  | 'parent-without-relation'
  | 'self-parent'

/**
 * A registration the registry would refuse, or one that registers something else than the
 * caller meant (a CID of other bytes than the fingerprint's): found before any transaction.
 */
export class InvalidRegistrationError extends DaimmError {
  override name = 'InvalidRegistrationError'
  readonly reason: InvalidRegistrationReason

  constructor(
    reason: InvalidRegistrationReason,
    shortMessage: string,
    { fix, cause }: { fix?: string | undefined; cause?: unknown } = {},
  ) {
    super(shortMessage, { metaMessages: fix ? [fix] : undefined, cause })
    this.reason = reason
  }
}

/** The registration's parent is not registered (on this deployment). */
export class UnknownParentError extends DaimmError {
  override name = 'UnknownParentError'
  readonly parent: Hex

  constructor(parent: Hex) {
    super(`The parent model ${parent} is not registered.`, {
      metaMessages: [
        'Register the parent first, or check its id (`daimm models` lists registered ids).',
      ],
    })
    this.parent = parent
  }
}

export type CheckRegistrationParameters = { registration: Registration }

/**
 * Checks a registration before it is signed, committed or sent: a 32-byte non-zero fingerprint,
 * CIDs the registry stores, a known kind and relation, a relation only with a parent (and a
 * parent only with a derivation), no model its own parent, a parent registered on chain. The artifact CID may name other bytes than the fingerprint: an
 * encrypted artifact's CID is the ciphertext's, its fingerprint the plaintext's. `registerModel`, `registerCommitted`, `registerWithSignature` and
 * `signRegistration` call it first; it reads the chain only when there is a parent.
 *
 * @throws {InvalidRegistrationError} with a `reason`, {UnknownParentError}, or the CID errors of
 * `cidToOnchain` (`InvalidCidError`, `UnsupportedCidError`).
 *
 * @example
 * await checkRegistration(ctx, { registration: { fingerprint, artifactCid, metadataCid } })
 */
export async function checkRegistration(
  ctx: DaimmContext,
  { registration }: CheckRegistrationParameters,
): Promise<void> {
  const { fingerprint, kind, parent, relation } = registration
  if (!isHex(fingerprint, { strict: true }) || fingerprint.length !== 66)
    throw new InvalidRegistrationError(
      'fingerprint',
      `The fingerprint is the artifact's SHA-256, 0x and 64 hex digits, not ${JSON.stringify(String(fingerprint))}.`,
      { fix: '`fingerprint(bytes)` or `daimm cid <file>` computes it.' },
    )
  if (BigInt(fingerprint) === 0n)
    throw new InvalidRegistrationError('fingerprint', 'The fingerprint is zero.')
  onchainOf('artifactCid', registration.artifactCid)
  onchainOf('metadataCid', registration.metadataCid)
  if (kind !== undefined && !assetKinds.includes(kind))
    throw new InvalidRegistrationError(
      'kind',
      `The kind is ${assetKinds.join(' or ')}, not ${JSON.stringify(kind)}.`,
    )
  if (relation !== undefined && !relations.includes(relation))
    throw new InvalidRegistrationError(
      'relation',
      `The relation is one of ${relations.join(', ')}, not ${JSON.stringify(relation)}.`,
    )
  const parentId = parent === undefined ? 0n : toTokenId(parent)
  if (parentId === 0n) {
    if (relation !== undefined && relation !== 'none')
      throw new InvalidRegistrationError(
        'relation-without-parent',
        `The relation ${JSON.stringify(relation)} says how a model derives from its parent, but no parent is given.`,
        { fix: 'Give the parent, or leave the relation out.' },
      )
    return
  }
  const parentHex = `0x${parentId.toString(16).padStart(64, '0')}` as Hex
  if (relation === 'none')
    throw new InvalidRegistrationError(
      'parent-without-relation',
      `A model with a parent (${parentHex}) derives from it: its relation cannot be "none".`,
      {
        fix: `Give one of ${relations.filter((r) => r !== 'none').join(', ')}, or leave it out (fine-tune).`,
      },
    )
  if (parentId === BigInt(fingerprint))
    throw new InvalidRegistrationError('self-parent', 'A model cannot be its own parent.')
  const exists = await readOrExplain('exists', () =>
    ctx.publicClient.readContract({
      address: ctx.deployment.contracts.registry,
      abi: modelRegistryAbi,
      functionName: 'exists',
      args: [parentId],
    }),
  )
  if (!exists) throw new UnknownParentError(parentHex)
}

function onchainOf(field: 'artifactCid' | 'metadataCid', value: CidInput) {
  if (!(typeof value === 'string' && value.startsWith('0x'))) return cidToOnchain(value)
  try {
    return cidToOnchain(hexToBytes(value as Hex))
  } catch (cause) {
    if (!(cause instanceof InvalidCidError)) throw cause
    throw new InvalidRegistrationError('cid', `The ${field} ${value} is not a binary CID.`, {
      cause,
      fix: 'Give the CID as a string (bafy…, Qm…), a CID, or its binary form as hex.',
    })
  }
}
