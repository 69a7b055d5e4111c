import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type TestServer = {
  url: string
  /** Requests received, as `METHOD /path?query`. */
  requests: string[]
  close(): Promise<void>
}

/** A node:http server on 127.0.0.1 and a free port, for the length of a test file. */
export async function startTestServer(
  handle: (request: IncomingMessage, response: ServerResponse, body: Buffer) => Promise<void>,
): Promise<TestServer> {
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`)
    const parts: Buffer[] = []
    request.on('data', (part: Buffer) => parts.push(part))
    request.on('end', () => {
      handle(request, response, Buffer.concat(parts)).catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message)
      })
    })
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
