import { type ByteSource, readByteSource } from '../cid/byte-source.js'

/** A multipart/form-data body with one file part, as Kubo's `/api/v0/add` reads it. */
export type MultipartFile = {
  contentType: string
  /** Opening lines of the body, up to the file's bytes. */
  head: Uint8Array
  /** Closing lines, after the file's bytes. */
  tail: Uint8Array
}

/**
 * The framing of a multipart body around one file part named `file`.
 *
 * @example
 * const { contentType, head, tail } = multipartFile()
 * await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: new Blob([head, bytes, tail]) })
 */
export function multipartFile(filename = 'file'): MultipartFile {
  const random = new Uint8Array(12)
  globalThis.crypto.getRandomValues(random)
  const boundary = `daimm-${[...random].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`
  const encoder = new TextEncoder()
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    tail: encoder.encode(`\r\n--${boundary}--\r\n`),
  }
}

/**
 * A streamed multipart body: head, the source's chunks (each handed to `onChunk`, and awaited,
 * before it is sent), tail, read lazily one chunk at a time. `failure()` is the error that stopped
 * it, if reading the source or `onChunk` failed: fetch reports such errors only vaguely.
 */
export function multipartStream(
  framing: MultipartFile,
  source: ByteSource,
  onChunk: (chunk: Uint8Array) => Promise<void>,
  signal?: AbortSignal,
): { body: ReadableStream<Uint8Array>; failure: () => unknown } {
  const chunks = readByteSource(source, { signal })
  let started = false
  let failure: unknown
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(framing.head)
        return
      }
      try {
        const next = await chunks.next()
        if (next.done) {
          controller.enqueue(framing.tail)
          controller.close()
          return
        }
        await onChunk(next.value)
        controller.enqueue(next.value)
      } catch (error) {
        failure = error
        throw error
      }
    },
    async cancel() {
      await chunks.return()
    },
  })
  return { body, failure: () => failure }
}
