import { type Address, type Hex, toHex } from 'viem'

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

/** What a publisher registers. CIDs are binary CIDv1 (sha2-256) as hex. */
export type Registration = {
  /** SHA-256 of the artifact's bytes (`fingerprint(file)`); it becomes the model id. */
  fingerprint: Hex
  artifactCid: Hex
  metadataCid: Hex
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
  artifactCid: Hex
  metadataCid: Hex
  kind: AssetKind
  parent: Hex | null
  relation: Relation
  status: ModelStatus
  registeredAt: Date
  /** Registered through a commitment, which makes the registration final. */
  committed: boolean
  evaluation: {
    score: number
    roundId: bigint
    benchmarkId: Hex
    evaluatedAt: Date
  } | null
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
    artifactCid: registration.artifactCid,
    metadataCid: registration.metadataCid,
    kind: assetKinds.indexOf(registration.kind ?? 'model'),
    parent,
    relation: relations.indexOf(relation),
  }
}
