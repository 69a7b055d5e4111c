import { readByteSource } from '../cid/byte-source.js'
import type { CID } from '../cid/index.js'
import { parseCid } from '../cid/parse-cid.js'
import { ContentNotFoundError, StorageRequestError } from './errors.js'
import { baseUrl, type HttpOptions, readErrorBody, redactUrl, sendRequest } from './http-request.js'
import type { ContentReader, ReadContentOptions } from './types.js'
import { collectBytes, verifiedChunks } from './verified-read.js'

export type GatewayReaderOptions = HttpOptions & {
  /** Base URL of an IPFS HTTP gateway, e.g. `https://ipfs.io` or `http://127.0.0.1:8080`. */
  url: string
}

export type GatewayReader = ContentReader & {
  /** The gateway URL, without credentials. */
  readonly url: string
}

/**
 * Reads content from an IPFS HTTP gateway (`GET <url>/ipfs/<cid>`) without trusting it: every
 * byte is re-hashed with `computeCid`, under the settings the CID implies (CIDv0: unixfs-v0-2015;
 * a raw CID: one block; a CIDv1 dag-pb root: the usual profiles, or `settings` when given), and
 * content that does not match is rejected with `CidMismatchError`.
 *
 * @example
 * const gateway = createGatewayReader({ url: 'https://ipfs.io' })
 * const card = JSON.parse(new TextDecoder().decode(await gateway.get(metadataCid)))
 */
export function createGatewayReader(options: GatewayReaderOptions): GatewayReader {
  const base = baseUrl(options.url)

  function cat(cid: CID | string, readOptions: ReadContentOptions = {}): AsyncIterable<Uint8Array> {
    const expected = parseCid(cid)
    const url = new URL(`ipfs/${expected.toString()}`, base)
    async function* body() {
      const response = await sendRequest(
        url,
        { method: 'GET', signal: readOptions.signal },
        options,
      )
      if (response.status === 404 || response.status === 410)
        throw new ContentNotFoundError({
          cid: expected.toString(),
          where: `The gateway ${redactUrl(base)}`,
          details: await readErrorBody(response),
        })
      if (!response.ok)
        throw new StorageRequestError({
          url: redactUrl(url),
          status: response.status,
          reason: `the gateway answered ${response.status} ${response.statusText}`.trim(),
          fix:
            response.status === 504
              ? 'The gateway timed out looking for the content: is it provided by a node online?'
              : undefined,
          details: (await readErrorBody(response)) || undefined,
        })
      if (!response.body) return
      yield* readByteSource(response.body)
    }
    return verifiedChunks(body(), expected, {
      settings: readOptions.settings,
      source: redactUrl(url),
    })
  }

  return {
    url: redactUrl(base),
    cat,
    get: async (cid, readOptions) => collectBytes(cat(cid, readOptions)),
  }
}
