import { createGatewayReader } from '@daimm/sdk/storage'
import { config } from './config'

/** Puts bytes in this node's content store and checks the CID it answers against ours. */
export async function upload(body: Blob, expected?: string): Promise<string> {
  const response = await fetch('/ipfs', { method: 'POST', body })
  if (!response.ok) throw new Error(`The store refused the upload: ${await response.text()}`)
  const { cid } = (await response.json()) as { cid: string }
  if (expected && cid !== expected)
    throw new Error(`The store gave ${cid}, but the file's CID is ${expected}: not publishing.`)
  return cid
}

/** Reads a small document by CID, every byte verified against it. */
export async function readVerified(cid: string): Promise<Uint8Array> {
  const base = config.ipfsUrl || location.origin
  const reader = createGatewayReader({ url: base.endsWith('/') ? base : `${base}/` })
  const chunks: Uint8Array[] = []
  for await (const chunk of reader.cat(cid)) chunks.push(chunk)
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer())
}
