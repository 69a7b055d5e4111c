import { InvalidImportSettingsError } from './errors.js'

/**
 * Named UnixFS import profiles of IPIP-499.
 * - `unixfs-v1-2025`: CIDv1, raw leaves, 1 MiB chunks, up to 1024 links per node (the default).
 * - `unixfs-v0-2015`: CIDv0, dag-pb leaves, 256 KiB chunks, up to 174 links per node (a plain
 *   `ipfs add`).
 */
export type CidProfile = 'unixfs-v1-2025' | 'unixfs-v0-2015'

/** How a file is cut and linked into a UnixFS DAG: the four settings its CID depends on. */
export type ImportSettings = {
  /** CID version of the dag-pb nodes (raw leaves are always CIDv1). */
  cidVersion: 0 | 1
  /** Leaves are raw blocks (codec 0x55) rather than UnixFS file nodes. */
  rawLeaves: boolean
  /** Size in bytes of each leaf; the last one may be shorter. */
  chunkSize: number
  /** Most links a node of the balanced DAG holds. */
  maxChildrenPerNode: number
}

/** Choose a profile, and override any of its settings. */
export type ImportSettingsOptions = {
  /** Default: `unixfs-v1-2025`. */
  profile?: CidProfile | undefined
  cidVersion?: 0 | 1 | undefined
  rawLeaves?: boolean | undefined
  chunkSize?: number | undefined
  maxChildrenPerNode?: number | undefined
}

/** The settings of each profile. */
export const cidProfiles: { readonly [profile in CidProfile]: Readonly<ImportSettings> } = {
  'unixfs-v1-2025': {
    cidVersion: 1,
    rawLeaves: true,
    chunkSize: 1_048_576,
    maxChildrenPerNode: 1024,
  },
  'unixfs-v0-2015': {
    cidVersion: 0,
    rawLeaves: false,
    chunkSize: 262_144,
    maxChildrenPerNode: 174,
  },
}

/** The profile `computeCid` uses when none is given. */
export const defaultCidProfile: CidProfile = 'unixfs-v1-2025'

/**
 * Chunks above this size cannot be allocated as one buffer everywhere. Note that Kubo refuses
 * chunks over 1 MiB, and blocks over 2 MiB do not travel over bitswap.
 */
const MAX_CHUNK_SIZE = 2 ** 30

/**
 * The settings a profile and explicit options give, checked.
 *
 * @example
 * // The classic `ipfs add --cid-version 1`:
 * resolveImportSettings({ profile: 'unixfs-v0-2015', cidVersion: 1, rawLeaves: true })
 * // { cidVersion: 1, rawLeaves: true, chunkSize: 262144, maxChildrenPerNode: 174 }
 */
export function resolveImportSettings(options: ImportSettingsOptions = {}): ImportSettings {
  const profile = options.profile ?? defaultCidProfile
  const base = cidProfiles[profile]
  if (!Object.hasOwn(cidProfiles, profile) || !base)
    throw new InvalidImportSettingsError({
      option: 'profile',
      value: profile,
      expected: Object.keys(cidProfiles).join(' or '),
    })
  const settings: ImportSettings = {
    cidVersion: options.cidVersion ?? base.cidVersion,
    rawLeaves: options.rawLeaves ?? base.rawLeaves,
    chunkSize: options.chunkSize ?? base.chunkSize,
    maxChildrenPerNode: options.maxChildrenPerNode ?? base.maxChildrenPerNode,
  }
  if (settings.cidVersion !== 0 && settings.cidVersion !== 1)
    throw new InvalidImportSettingsError({
      option: 'cidVersion',
      value: settings.cidVersion,
      expected: '0 or 1',
    })
  if (typeof settings.rawLeaves !== 'boolean')
    throw new InvalidImportSettingsError({
      option: 'rawLeaves',
      value: settings.rawLeaves,
      expected: 'true or false',
    })
  if (!isIntegerIn(settings.chunkSize, 1, MAX_CHUNK_SIZE))
    throw new InvalidImportSettingsError({
      option: 'chunkSize',
      value: settings.chunkSize,
      expected: `a whole number of bytes from 1 to ${MAX_CHUNK_SIZE} (profiles use 262144 or 1048576)`,
    })
  // One link per node would never converge to a single root.
  if (!isIntegerIn(settings.maxChildrenPerNode, 2, 2 ** 31))
    throw new InvalidImportSettingsError({
      option: 'maxChildrenPerNode',
      value: settings.maxChildrenPerNode,
      expected: 'a whole number of at least 2 (profiles use 174 or 1024)',
    })
  return settings
}

/**
 * The profile these settings are exactly, if any.
 *
 * @example
 * profileOf({ cidVersion: 0, rawLeaves: false, chunkSize: 262144, maxChildrenPerNode: 174 })
 * // 'unixfs-v0-2015'
 */
export function profileOf(settings: ImportSettings): CidProfile | undefined {
  return (Object.keys(cidProfiles) as CidProfile[]).find((profile) => {
    const candidate = cidProfiles[profile]
    return (
      candidate.cidVersion === settings.cidVersion &&
      candidate.rawLeaves === settings.rawLeaves &&
      candidate.chunkSize === settings.chunkSize &&
      candidate.maxChildrenPerNode === settings.maxChildrenPerNode
    )
  })
}

/**
 * The settings in words, e.g. `unixfs-v1-2025 (CIDv1, raw leaves, 1 MiB chunks, 1024 links per node)`.
 */
export function describeImportSettings(settings: ImportSettings): string {
  const profile = profileOf(settings)
  const parts = [
    `CIDv${settings.cidVersion}`,
    settings.rawLeaves ? 'raw leaves' : 'dag-pb leaves',
    `${formatChunkSize(settings.chunkSize)} chunks`,
    `${settings.maxChildrenPerNode} links per node`,
  ].join(', ')
  return profile ? `${profile} (${parts})` : parts
}

function formatChunkSize(bytes: number): string {
  if (bytes % 1_048_576 === 0) return `${bytes / 1_048_576} MiB`
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} B`
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}
