import { InvalidByteSourceError } from './errors.js'

/**
 * Bytes to hash or store, whole or streamed: a Uint8Array (a Node.js Buffer is one), a Blob or
 * File, a web ReadableStream, or an (async) iterable of Uint8Array chunks of any sizes, such as a
 * Node.js Readable.
 */
export type ByteSource =
  | Uint8Array
  | Blob
  | ReadableStream<Uint8Array>
  | Iterable<Uint8Array>
  | AsyncIterable<Uint8Array>

/**
 * The chunks of a byte source, in order, checked to be bytes. Streams are read one chunk at a time
 * and cancelled if the caller stops early.
 *
 * @example
 * for await (const chunk of readByteSource(file)) total += chunk.byteLength
 */
export async function* readByteSource(
  source: ByteSource,
  { signal }: { signal?: AbortSignal | undefined } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  signal?.throwIfAborted()
  if (source instanceof Uint8Array) {
    yield source
    return
  }
  if (isBlob(source)) {
    yield* readByteSource(source.stream(), { signal })
    return
  }
  if (isReadableStream(source)) {
    yield* readStream(source, signal)
    return
  }
  if (isIterable(source)) {
    for await (const chunk of source) {
      signal?.throwIfAborted()
      yield checkChunk(chunk)
    }
    return
  }
  throw new InvalidByteSourceError({
    found: describe(source),
    hint:
      typeof source === 'string'
        ? 'A string is neither bytes nor a path here: encode text with new TextEncoder().encode(text), or hash a file with computeFileCid from @daimm/sdk/node.'
        : (source as unknown) instanceof ArrayBuffer
          ? 'Wrap an ArrayBuffer in a view: new Uint8Array(buffer).'
          : undefined,
  })
}

async function* readStream(
  stream: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader()
  let done = false
  try {
    for (;;) {
      signal?.throwIfAborted()
      const result = await reader.read()
      if (result.done) {
        done = true
        return
      }
      yield checkChunk(result.value)
    }
  } finally {
    // Stopped early (an error, an abort or a `break`): tell the producer nothing more is wanted.
    if (!done) await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}

function checkChunk(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk
  throw new InvalidByteSourceError({
    found: `a stream or iterable that yielded ${describe(chunk)}`,
    hint:
      typeof chunk === 'string'
        ? 'A Node.js stream with an encoding set yields strings: create it without one.'
        : undefined,
  })
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as ReadableStream | null)?.getReader === 'function'
}

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  if (value === null || typeof value !== 'object') return false
  return Symbol.asyncIterator in value || Symbol.iterator in value
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return 'a string'
  if (typeof value !== 'object') return `a ${typeof value}`
  const name = (value as object).constructor?.name
  return name ? `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}` : 'an object'
}
