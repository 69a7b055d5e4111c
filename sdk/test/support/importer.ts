import { importBytes } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import type { CID } from 'multiformats/cid'
import type { ImportSettings } from '../../src/cid/import-settings.js'

/** A blockstore that keeps nothing: the oracle only needs the root CID. */
const discard = {
  put: async (cid: CID) => cid,
}

/**
 * The test oracle: the CID `ipfs-unixfs-importer` (the importer of JS IPFS implementations, which
 * matches Kubo) gives bytes imported as one file with these settings.
 */
export async function importerCid(bytes: Uint8Array, settings: ImportSettings): Promise<CID> {
  const entry = await importBytes(bytes, discard as never, {
    cidVersion: settings.cidVersion,
    rawLeaves: settings.rawLeaves,
    chunker: fixedSize({ chunkSize: settings.chunkSize }),
    layout: balanced({ maxChildrenPerNode: settings.maxChildrenPerNode }),
    reduceSingleLeafToSelf: true,
    wrapWithDirectory: false,
  })
  return entry.cid
}
