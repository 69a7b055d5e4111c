import { StorageRequestError } from './errors.js'

export type HttpOptions = {
  /** Headers sent with every request, e.g. `{ authorization: 'Bearer …' }`. */
  headers?: Record<string, string> | undefined
  /** Default: the global `fetch`. */
  fetch?: typeof fetch | undefined
}

export type HttpRequest = {
  method: 'GET' | 'POST'
  headers?: Record<string, string> | undefined
  /** A stream is sent as it is read (`duplex: 'half'`). */
  body?: Blob | ReadableStream<Uint8Array> | undefined
  signal?: AbortSignal | undefined
}

/**
 * Sends a request, turning a network failure into `StorageRequestError`. HTTP error statuses are
 * returned, for the caller to read the body it knows how to explain.
 */
export async function sendRequest(
  url: URL,
  request: HttpRequest,
  { fetch: fetchFn = globalThis.fetch, headers }: HttpOptions,
): Promise<Response> {
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: { ...headers, ...request.headers },
  }
  if (request.body) init.body = request.body
  if (request.body && !(request.body instanceof Blob)) init.duplex = 'half'
  if (request.signal) init.signal = request.signal
  try {
    return await fetchFn(url, init)
  } catch (cause) {
    if (request.signal?.aborted) throw request.signal.reason
    throw new StorageRequestError({
      url: redactUrl(url),
      reason: 'no answer',
      fix: 'Check the URL, and that the node or gateway is running and reachable from here.',
      cause: (cause as { cause?: unknown })?.cause ?? cause,
    })
  }
}

/** The start of an error response's body, for messages. */
export async function readErrorBody(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  return text.length > 500 ? `${text.slice(0, 500)}…` : text
}

/** A URL without its user name, password and query, safe to print. */
export function redactUrl(url: URL | string): string {
  const copy = new URL(url)
  copy.username = ''
  copy.password = ''
  copy.search = ''
  return copy.toString()
}

/** `base` with a trailing slash, so that relative paths resolve below it. */
export function baseUrl(base: string | URL): URL {
  const url = new URL(base)
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}
