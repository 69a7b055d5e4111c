import type { ServerResponse } from 'node:http'
import { importBytes } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { CID } from 'multiformats/cid'
import { startTestServer, type TestServer } from './http-server.js'

export type FakeKubo = TestServer & {
  /** Content added, by CIDv1 string. */
  blocks: Map<string, Uint8Array>
}

/**
 * A stand-in for Kubo's RPC API that speaks the shape of `/api/v0/add` (multipart upload, one
 * JSON object a line) and `/api/v0/cat`, computing CIDs with ipfs-unixfs-importer from the add
 * options. `ignoreMaxFileLinks` plays a Kubo older than 0.35, which uses 174 links per node
 * whatever it is asked.
 */
export async function startFakeKubo({ ignoreMaxFileLinks = false } = {}): Promise<FakeKubo> {
  const blocks = new Map<string, Uint8Array>()
  const server = await startTestServer(async (request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://kubo')
    if (request.method !== 'POST') return kuboError(response, 405, `${request.method} not allowed`)
    if (url.pathname === '/api/v0/add') {
      const file = multipartFile(request.headers['content-type'] ?? '', body)
      const query = url.searchParams
      const chunkSize = Number(/^size-(\d+)$/.exec(query.get('chunker') ?? 'size-262144')?.[1])
      const maxChildrenPerNode = ignoreMaxFileLinks
        ? 174
        : Number(query.get('max-file-links') ?? 174)
      const entry = await importBytes(file, { put: async () => {} } as never, {
        cidVersion: Number(query.get('cid-version') ?? 0) as 0 | 1,
        rawLeaves: query.get('raw-leaves') === 'true',
        chunker: fixedSize({ chunkSize }),
        layout: balanced({ maxChildrenPerNode }),
      })
      blocks.set(entry.cid.toV1().toString(), file)
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        `${JSON.stringify({ Name: 'file', Hash: entry.cid.toString(), Size: String(file.byteLength) })}\n`,
      )
      return
    }
    if (url.pathname === '/api/v0/cat') {
      const arg = url.searchParams.get('arg') ?? ''
      const content = blocks.get(CID.parse(arg).toV1().toString())
      if (!content)
        return kuboError(
          response,
          500,
          `block was not found locally (offline): ipld: could not find ${arg}`,
        )
      response.writeHead(200, { 'content-type': 'text/plain', 'x-stream-output': '1' })
      // In pieces, as a node streams it.
      for (let offset = 0; offset < content.byteLength; offset += 100_000)
        response.write(content.subarray(offset, offset + 100_000))
      response.end()
      return
    }
    return kuboError(response, 404, '404 page not found')
  })
  return { ...server, blocks }
}

function kuboError(response: ServerResponse, status: number, message: string) {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ Message: message, Code: 0, Type: 'error' }))
}

/** The bytes of the single file part of a multipart/form-data body. */
function multipartFile(contentType: string, body: Buffer): Uint8Array {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1]
  if (!boundary) throw new Error(`not multipart: ${contentType}`)
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${boundary}`)) + 4
  const end = body.indexOf(`\r\n--${boundary}--`, start)
  if (start < 4 || end < 0) throw new Error('malformed multipart body')
  return new Uint8Array(body.subarray(start, end))
}
