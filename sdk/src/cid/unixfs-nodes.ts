import * as dagPb from '@ipld/dag-pb'
import { UnixFS } from 'ipfs-unixfs'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import { SHA2_256_CODE } from './cid-bytes.js'
import type { ImportSettings } from './import-settings.js'
import type { Sha256Engine } from './sha256.js'

/** A node of a file's DAG, as its parent links to it. */
export type DagLink = {
  cid: CID
  /** Cumulative size of the node and everything under it, encoded (the dag-pb `Tsize`). */
  tsize: number
  /** Bytes of file content under the node (its entry in the parent's UnixFS `blocksizes`). */
  fileSize: number
}

/**
 * A leaf: the chunk as a raw block (CIDv1, codec raw), or wrapped in a UnixFS `file` node
 * (codec dag-pb, the settings' CID version).
 */
export async function encodeLeaf(
  chunk: Uint8Array,
  settings: ImportSettings,
  engine: Sha256Engine,
): Promise<DagLink> {
  if (settings.rawLeaves) {
    const digest = Digest.create(SHA2_256_CODE, await engine.digest(chunk))
    return {
      cid: CID.createV1(raw.code, digest),
      tsize: chunk.byteLength,
      fileSize: chunk.byteLength,
    }
  }
  const data = new UnixFS({ type: 'file', data: chunk }).marshal()
  const block = dagPb.encode({ Data: data, Links: [] })
  const digest = Digest.create(SHA2_256_CODE, await engine.digest(block))
  return {
    cid: CID.create(settings.cidVersion, dagPb.code, digest),
    tsize: block.byteLength,
    fileSize: chunk.byteLength,
  }
}

/**
 * An inner node: a UnixFS `file` node without data, whose `blocksizes` list the content under each
 * child, linking the children in order with empty names.
 */
export async function encodeParent(
  children: readonly DagLink[],
  settings: ImportSettings,
  engine: Sha256Engine,
): Promise<DagLink> {
  const unixfs = new UnixFS({ type: 'file' })
  let tsize = 0
  let fileSize = 0
  for (const child of children) {
    unixfs.addBlockSize(BigInt(child.fileSize))
    tsize += child.tsize
    fileSize += child.fileSize
  }
  const block = dagPb.encode({
    Data: unixfs.marshal(),
    Links: children.map((child) => ({ Name: '', Tsize: child.tsize, Hash: child.cid })),
  })
  const digest = Digest.create(SHA2_256_CODE, await engine.digest(block))
  return {
    cid: CID.create(settings.cidVersion, dagPb.code, digest),
    tsize: block.byteLength + tsize,
    fileSize,
  }
}
