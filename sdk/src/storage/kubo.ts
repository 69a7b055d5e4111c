import type { ByteSource } from '../cid/byte-source.js'
import { readByteSource } from '../cid/byte-source.js'
import { computeCid } from '../cid/compute-cid.js'
import {
  describeImportSettings,
  type ImportSettings,
  resolveImportSettings,
} from '../cid/import-settings.js'
import type { CID } from '../cid/index.js'
import { parseCid } from '../cid/parse-cid.js'
import { UnixfsFileHasher } from '../cid/unixfs-file-hasher.js'
import { ContentNotFoundError, ImportSettingsIgnoredError, StorageRequestError } from './errors.js'
import { baseUrl, type HttpOptions, readErrorBody, redactUrl, sendRequest } from './http-request.js'
import { multipartFile, multipartStream } from './multipart.js'
import type {
  ContentStore,
  PutContentOptions,
  PutContentReturnType,
  ReadContentOptions,
} from './types.js'
import { collectBytes, verifiedChunks } from './verified-read.js'

export type KuboStoreOptions = HttpOptions & {
  /** Base URL of the node's RPC API, e.g. `http://127.0.0.1:5001`. */
  url: string
  /** Pin what is added, so the node's garbage collection keeps it. Default: true. */
  pin?: boolean | undefined
}

export type KuboStore = ContentStore & {
  /** The RPC URL, without credentials. */
  readonly url: string
}

/**
 * A Kubo node as a content store, through its RPC API: `put` is `/api/v0/add` with every import
 * option of the chosen settings spelled out (and the CID the node reports checked against the one
 * computed here), `get` and `cat` are `/api/v0/cat`, verified.
 *
 * The RPC API is an admin API: keep it on localhost or behind authentication (`headers`).
 *
 * @example
 * const kubo = createKuboStore({ url: 'http://127.0.0.1:5001' })
 * const { cid } = await kubo.put(modelBytes) // unixfs-v1-2025
 * const bytes = await kubo.get(cid)
 */
export function createKuboStore(options: KuboStoreOptions): KuboStore {
  const base = baseUrl(options.url)
  const node = `Kubo at ${redactUrl(base)}`
  const rpc = (command: string, query: Record<string, string>) => {
    const url = new URL(`api/v0/${command}`, base)
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
    return url
  }

  async function put(
    source: ByteSource,
    putOptions: PutContentOptions = {},
  ): Promise<PutContentReturnType> {
    const settings = resolveImportSettings(putOptions)
    const url = rpc('add', kuboAddQuery(settings, options.pin ?? true))
    const framing = multipartFile()
    const headers = { 'content-type': framing.contentType }
    let computed: PutContentReturnType
    let response: Response
    if (source instanceof Uint8Array || (typeof Blob !== 'undefined' && source instanceof Blob)) {
      // Whole content: hashed here first, then sent as a plain body, which every fetch (browsers
      // included) can send.
      computed = await computeCid(source, putOptions)
      // Our bytes live on plain ArrayBuffers; the DOM's Blob typings (a browser build) want that said.
      const parts = [framing.head, source, framing.tail] as ConstructorParameters<typeof Blob>[0]
      const body = new Blob(parts)
      response = await sendRequest(
        url,
        { method: 'POST', headers, body, signal: putOptions.signal },
        options,
      )
    } else {
      // A stream: hashed as it is uploaded, read once. (Browsers send streamed bodies over
      // HTTP/2 only: there, pass bytes or a Blob.)
      const hasher = new UnixfsFileHasher(settings, { onProgress: putOptions.onProgress })
      const upload = multipartStream(
        framing,
        source,
        (chunk) => hasher.write(chunk),
        putOptions.signal,
      )
      response = await sendRequest(
        url,
        { method: 'POST', headers, body: upload.body, signal: putOptions.signal },
        options,
      ).catch((error: unknown) => {
        throw upload.failure() ?? error
      })
      computed = await hasher.finish()
    }
    if (!response.ok) throw await rpcError(response, url, 'add')
    const reported = parseAddResponse(await response.text(), url)
    if (!reported.toV1().equals(computed.cid.toV1()))
      throw new ImportSettingsIgnoredError({
        node,
        expected: computed.cid.toString(),
        reported: reported.toString(),
        settings: describeImportSettings(settings),
      })
    return computed
  }

  function cat(cid: CID | string, readOptions: ReadContentOptions = {}): AsyncIterable<Uint8Array> {
    const expected = parseCid(cid)
    const url = rpc('cat', { arg: expected.toString() })
    const source = `${node} (/api/v0/cat)`
    async function* body() {
      const response = await sendRequest(
        url,
        { method: 'POST', signal: readOptions.signal },
        options,
      )
      if (!response.ok) throw await rpcError(response, url, 'cat', expected)
      if (!response.body) return
      yield* readByteSource(response.body)
    }
    return verifiedChunks(body(), expected, { settings: readOptions.settings, source })
  }

  return {
    url: redactUrl(base),
    put,
    cat,
    get: async (cid, readOptions) => collectBytes(cat(cid, readOptions)),
  }
}

/** The `/api/v0/add` options that make Kubo import with exactly these settings. */
export function kuboAddQuery(settings: ImportSettings, pin: boolean): Record<string, string> {
  return {
    'cid-version': String(settings.cidVersion),
    'raw-leaves': String(settings.rawLeaves),
    chunker: `size-${settings.chunkSize}`,
    'max-file-links': String(settings.maxChildrenPerNode),
    hash: 'sha2-256',
    trickle: 'false',
    inline: 'false',
    'wrap-with-directory': 'false',
    pin: String(pin),
    quieter: 'true',
    progress: 'false',
  }
}

/** The root CID from `/api/v0/add`'s answer: JSON objects, one a line, the root last. */
function parseAddResponse(text: string, url: URL): CID {
  const lines = text.split('\n').filter((line) => line.trim())
  for (const line of lines.reverse()) {
    let entry: { Hash?: unknown }
    try {
      entry = JSON.parse(line)
    } catch {
      continue
    }
    if (typeof entry.Hash === 'string') return parseCid(entry.Hash)
  }
  throw new StorageRequestError({
    url: redactUrl(url),
    reason: 'the answer names no CID',
    fix: 'Check that the URL is the RPC API of a Kubo node (port 5001 by default), not a gateway.',
    details: text.slice(0, 500),
  })
}

async function rpcError(response: Response, url: URL, command: string, cid?: CID) {
  const body = await readErrorBody(response)
  let message = body
  try {
    message = (JSON.parse(body) as { Message?: string }).Message ?? body
  } catch {}
  if (cid && /not found|could not find/i.test(message))
    return new ContentNotFoundError({
      cid: cid.toString(),
      where: `Kubo at ${redactUrl(new URL('/', url))}`,
      details: message,
    })
  const hint: Record<number, string> = {
    401: 'The node requires authentication: pass it in `headers`.',
    403: 'The node refused the request: check the API authorizations in its config.',
    404: 'No Kubo RPC API here: check the URL (the RPC API listens on port 5001 by default).',
    405: 'Kubo takes RPC calls as POST: check that this URL is the RPC API, not a gateway.',
  }
  return new StorageRequestError({
    url: redactUrl(url),
    status: response.status,
    reason: `${command} answered ${response.status} ${response.statusText}`.trim(),
    fix: hint[response.status],
    details: message || undefined,
  })
}
