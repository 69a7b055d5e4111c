/**
 * Where `daimm` commands fetch content by CID (`--store <dir>`, `--gateway <url>`), verified
 * against the CID, with a byte counter on stderr while downloading when it is a terminal.
 */
import { stat } from 'node:fs/promises'
import type { CID } from '../cid/index.js'
import { createGatewayReader } from '../storage/gateway.js'
import { createLocalStore } from '../storage/local-store.js'
import type { ContentReader, ReadContentOptions } from '../storage/types.js'
import type { CliIo } from './command.js'
import { CliUsageError } from './command.js'
import { formatBytes } from './format.js'
import { ProgressBar } from './progress.js'

/** The help lines of the content flags. */
export const contentHelp = `  --store <dir>          a local content store (as \`daimm register --store\` fills it)
  --gateway <url>        an IPFS HTTP gateway, e.g. http://127.0.0.1:8080 (content is re-hashed
                           and refused unless it matches its CID); tried after --store`

/**
 * A reader over the local store and/or the gateway the flags name: the store first, then the
 * gateway for what the store lacks. Each read draws a byte counter on a terminal.
 *
 * @throws {CliUsageError} when neither flag is given.
 */
export function contentReaderOf(
  { store, gateway }: { store?: string | undefined; gateway?: string | undefined },
  io: CliIo,
  command: string,
): ContentReader {
  const readers: { reader: ContentReader; size?: (cid: CID | string) => Promise<number> }[] = []
  if (store !== undefined) {
    const local = createLocalStore({ directory: store })
    readers.push({
      reader: local,
      size: async (cid) => (await stat(local.pathOf(cid))).size,
    })
  }
  if (gateway !== undefined) readers.push({ reader: createGatewayReader({ url: gateway }) })
  if (readers.length === 0)
    throw new CliUsageError(`daimm ${command} needs somewhere to download content from.`, {
      fix: 'Pass --store <dir> (a local content store), --gateway <url> (an IPFS gateway), or both.',
    })

  async function get(cid: CID | string, options?: ReadContentOptions): Promise<Uint8Array> {
    let lastError: unknown
    for (const [i, { reader, size }] of readers.entries()) {
      const total = await size?.(cid).catch(() => undefined)
      if (size && total === undefined && i < readers.length - 1) continue
      try {
        return await download(reader, cid, total, io, options)
      } catch (error) {
        lastError = error
        if ((error as { name?: string }).name !== 'ContentNotFoundError') throw error
      }
    }
    throw lastError
  }
  return {
    get,
    cat: async function* (cid, options) {
      yield await get(cid, options)
    },
  }
}

async function download(
  reader: ContentReader,
  cid: CID | string,
  total: number | undefined,
  io: CliIo,
  options: ReadContentOptions | undefined,
): Promise<Uint8Array> {
  const bar = new ByteCounter(io.stderr, { label: `downloading ${cid}`, total })
  const chunks: Uint8Array[] = []
  let done = 0
  try {
    for await (const chunk of reader.cat(cid, options)) {
      chunks.push(chunk)
      done += chunk.byteLength
      bar.update(done)
    }
  } finally {
    bar.done()
  }
  const bytes = new Uint8Array(done)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The progress bar of `progress.ts` when the size is known, else a running byte count. */
class ByteCounter extends ProgressBar {
  readonly #label: string
  readonly #known: boolean
  readonly #started = Date.now()

  constructor(
    stream: CliIo['stderr'],
    { label, total }: { label: string; total?: number | undefined },
  ) {
    super(stream, { label, total: total ?? Number.POSITIVE_INFINITY })
    this.#label = label
    this.#known = total !== undefined
  }

  override render(done: number, now = Date.now()): string {
    if (this.#known) return super.render(done, now)
    const seconds = Math.max((now - this.#started) / 1000, 0.001)
    return `${this.#label}  ${formatBytes(done)}  ${formatBytes(done / seconds)}/s`
  }
}
