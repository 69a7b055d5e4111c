/**
 * Serves the web app's production build beside the gateway API: the static files (index.html for
 * every app path, with the configuration inlined), `/v1/*`, `/openapi.json` and `/docs` proxied
 * to the API (one origin: no CORS), `/ipfs/<cid>` from the local content store (the browser verifies
 * every byte against the CID) and uploads to that store (`POST /ipfs`, for publishing on the devnet).
 */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCid } from '../../sdk/src/cid/parse-cid.js'
import type { Deployment } from '../../sdk/src/deployments.js'
import { createLocalStore } from '../../sdk/src/storage/local-store.js'

/** The most one upload may carry (a local devnet's store, not a pinning service). */
const MAX_UPLOAD = 256 * 1024 * 1024

export const appDir = fileURLToPath(new URL('..', import.meta.url))
export const distDir = join(appDir, 'dist')

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

export type ServeAppParameters = {
  apiUrl: string
  rpcUrl: string
  deployment: Deployment
  storeDir: string
  port?: number | undefined
  host?: string | undefined
  dist?: string | undefined
}

export type AppServer = { url: string; stop(): Promise<void> }

export async function serveApp({
  apiUrl,
  rpcUrl,
  deployment,
  storeDir,
  port = 0,
  host = '127.0.0.1',
  dist = distDir,
}: ServeAppParameters): Promise<AppServer> {
  const readIndex = () =>
    readFile(join(dist, 'index.html'), 'utf8').catch(() => {
      throw new Error(`No app build in ${dist}: run \`npm run build -w @daimm/app\`.`)
    })
  await readIndex()
  // `gateway`: the identity the API's signed requests name (its own origin), which the page signs
  // for although it reaches the API through this server's origin.
  const settings = {
    chainId: deployment.chainId,
    rpcUrl,
    apiUrl: '',
    ipfsUrl: '',
    gateway: new URL(apiUrl).origin,
    deployment,
  }
  // `<` escaped so that no value can close the script element.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c')
  // Read on each request: a rebuild while the server runs is served at once.
  const index = async () =>
    (await readIndex()).replace(
      '<!--daimm-config-->',
      `<script id="daimm-config" type="application/json">${json}</script>`,
    )
  const api = new URL(apiUrl)
  const store = createLocalStore({ directory: storeDir })

  const file = async (response: ServerResponse, path: string, method: string, cache: string) => {
    const info = await stat(path).catch(() => undefined)
    if (!info?.isFile()) return false
    response.writeHead(200, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': cache,
    })
    if (method === 'HEAD') response.end()
    else createReadStream(path).pipe(response)
    return true
  }

  const proxy = (request: IncomingMessage, response: ServerResponse) => {
    const upstream = httpRequest(
      {
        host: api.hostname,
        port: api.port,
        path: request.url,
        method: request.method,
        headers: { ...request.headers, host: api.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      },
    )
    upstream.on('error', (error) => {
      if (!response.headersSent)
        response.writeHead(502, { 'content-type': 'application/problem+json' }).end(
          JSON.stringify({
            type: 'https://daimm.dev/problems/unavailable',
            title: 'Bad gateway',
            status: 502,
            detail: `The API at ${apiUrl} did not answer (${error.message}). Is npm start still running?`,
          }),
        )
      else response.destroy()
    })
    request.pipe(upstream)
  }

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET'
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    if (path.startsWith('/v1/') || path === '/openapi.json' || path.startsWith('/docs'))
      return proxy(request, response)
    // Publishing on the local devnet: bytes into the content store the gateway reads cards from.
    // The page computed the CID itself and checks the one answered.
    if (path === '/ipfs' && method === 'POST') {
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.byteLength
        if (size > MAX_UPLOAD)
          return response.writeHead(413).end(`Uploads are limited to ${MAX_UPLOAD} bytes here.`)
        chunks.push(chunk)
      }
      const { cid } = await store.put(new Uint8Array(Buffer.concat(chunks)))
      response.writeHead(201, { 'content-type': 'application/json' })
      return response.end(JSON.stringify({ cid: cid.toString(), size }))
    }
    if (method !== 'GET' && method !== 'HEAD') return response.writeHead(405).end()
    const ipfs = /^\/ipfs\/([A-Za-z0-9]+)$/.exec(path)?.[1]
    if (ipfs !== undefined) {
      let key: string
      try {
        key = parseCid(ipfs).toV1().toString()
      } catch {
        return response.writeHead(400).end('not a CID')
      }
      const served = await file(
        response,
        join(storeDir, key),
        method,
        'public, max-age=31536000, immutable',
      )
      if (!served) response.writeHead(404).end(`${ipfs} is not in this node's store`)
      return
    }
    if (path.startsWith('/assets/')) {
      const safe = normalize(path).replace(/^(\.\.[/\\])+/, '')
      if (await file(response, join(dist, safe), method, 'public, max-age=31536000, immutable'))
        return
      return response.writeHead(404).end()
    }
    // Every other path is a page of the app.
    response.writeHead(200, {
      'content-type': types['.html'] as string,
      'cache-control': 'no-cache',
    })
    response.end(method === 'HEAD' ? undefined : await index())
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error))
      else response.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://${host}:${bound}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
