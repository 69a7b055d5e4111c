import type { CID } from 'multiformats/cid'
import { type Address, bytesToHex, type Hex, hexToBytes, toHex } from 'viem'
import { cidV1String, decodeCid, encodeCidV1 } from '../../cid/cid-bytes.js'
import { cidToOnchain } from '../../cid/cid-to-onchain.js'

export const assetKinds = ['model', 'dataset'] as const
export const relations = [
  'none',
  'fine-tune',
  'quantized',
  'adapter',
  'merge',
  'distilled',
] as const
export const modelStatuses = ['active', 'deprecated', 'flagged'] as const

export type AssetKind = (typeof assetKinds)[number]
export type Relation = (typeof relations)[number]
export type ModelStatus = (typeof modelStatuses)[number]

/** A model id: the artifact's SHA-256 fingerprint, as `0x` hex or as the uint256 token id. */
export type ModelId = Hex | bigint

/**
 * A CID as the SDK accepts it: a string (`bafy…`, `Qm…`), a multiformats `CID`, or the binary CID
 * as `0x` hex. CIDv0 is converted to v1; only sha2-256 CIDs are accepted.
 */
export type CidInput = string | CID

/** What a publisher registers. */
export type Registration = {
  /** SHA-256 of the artifact's bytes (`fingerprint(file)`); it becomes the model id. */
  fingerprint: Hex
  artifactCid: CidInput
  metadataCid: CidInput
  /** Default: `'model'`. */
  kind?: AssetKind | undefined
  /** The model this one derives from. Default: none. */
  parent?: ModelId | undefined
  /** How it derives from `parent`. Default: `'fine-tune'` with a parent, `'none'` without. */
  relation?: Relation | undefined
}

/** A registered model as `getModel` returns it. */
export type Model = {
  id: Hex
  owner: Address
  /** CIDv1 strings (base32). */
  artifactCid: string
  metadataCid: string
  kind: AssetKind
  parent: Hex | null
  relation: Relation
  status: ModelStatus
  /** Seconds since the epoch. */
  registeredAt: bigint
  /** Registered through a commitment, which makes the registration final. */
  committed: boolean
  evaluation: {
    score: number
    roundId: bigint
    benchmarkId: Hex
    /** Seconds since the epoch. */
    evaluatedAt: bigint
    /**
     * The evaluation digest the committee agreed on; zero when no digest had a majority. A buyer's
     * own `evaluationDigest` of the model on this benchmark should equal it.
     */
    digest: Hex
  } | null
  /** Licensee reviews, from the Marketplace: count, sum and average of their ratings (1 to 5). */
  rating: { count: number; sum: number; average: number | null }
}

export function toTokenId(id: ModelId): bigint {
  return typeof id === 'bigint' ? id : BigInt(id)
}

export function toModelId(id: bigint): Hex {
  return toHex(id, { size: 32 })
}

/** The registration in the contract's tuple form. */
export function encodeRegistration(registration: Registration) {
  const parent = registration.parent === undefined ? 0n : toTokenId(registration.parent)
  const relation = registration.relation ?? (parent === 0n ? 'none' : 'fine-tune')
  return {
    fingerprint: registration.fingerprint,
    artifactCid: cidToBytes(registration.artifactCid),
    metadataCid: cidToBytes(registration.metadataCid),
    kind: assetKinds.indexOf(registration.kind ?? 'model'),
    parent,
    relation: relations.indexOf(relation),
  }
}

/** The binary CIDv1 the registry takes, from any `CidInput`; throws `UnsupportedCidError`. */
export function cidToBytes(value: CidInput): Hex {
  const cid = typeof value === 'string' && value.startsWith('0x') ? hexToBytes(value as Hex) : value
  const { codec, digest } = cidToOnchain(cid)
  return bytesToHex(encodeCidV1(codec, hexToBytes(digest)))
}

/** The CIDv1 string (base32) of a binary CID the registry returned. */
export function cidFromBytes(bytes: Hex): string {
  const cid = decodeCid(hexToBytes(bytes))
  return cidV1String(cid.version === 1 ? cid.bytes : encodeCidV1(cid.code, cid.multihash.digest))
}
