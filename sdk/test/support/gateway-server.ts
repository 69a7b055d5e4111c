import { CID } from 'multiformats/cid'
import { startTestServer, type TestServer } from './http-server.js'

export type FakeGateway = TestServer & {
  /** Content served, by CIDv1 string. */
  content: Map<string, Uint8Array>
  /** Serve content with one byte flipped, as a dishonest or broken gateway would. */
  tamper: boolean
}

/** A path gateway: `GET /ipfs/<cid>` answers the content, 404 for what it does not have. */
export async function startFakeGateway(): Promise<FakeGateway> {
  const content = new Map<string, Uint8Array>()
  const gateway = { tamper: false }
  const server = await startTestServer(async (request, response) => {
    const match = /^\/ipfs\/([^/?]+)$/.exec(new URL(request.url ?? '/', 'http://gw').pathname)
    const bytes = match?.[1] ? content.get(CID.parse(match[1]).toV1().toString()) : undefined
    if (!bytes) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('ipfs resolve -r: not found')
      return
    }
    const served = gateway.tamper ? bytes.slice() : bytes
    const middle = served.byteLength >> 1
    if (gateway.tamper && served.byteLength > 0) served[middle] = (served[middle] ?? 0) ^ 0x80
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(served)
  })
  return Object.assign(gateway, server, { content })
}
