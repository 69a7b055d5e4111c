import { DaimmError } from '../errors.js'

/** A CID (or a CID string) cannot be read at all: it is not a CID, or its on-chain form is malformed. */
export class InvalidCidError extends DaimmError {
  override name = 'InvalidCidError'
  /** What was given, as text. */
  readonly value: string

  constructor({ value, reason, cause }: { value: string; reason: string; cause?: unknown }) {
    super(`${value} is not a valid CID: ${reason}.`, {
      cause,
      metaMessages: [
        'Expected a CIDv1 string (bafy…, bafk…), a CIDv0 string (Qm…), a CID object, or an on-chain',
        '{ codec, digest } pair with a multicodec code from 1 to 0xffff and a 32-byte sha2-256 digest.',
      ],
    })
    this.value = value
  }
}

/** A well-formed CID that DAIMM cannot store on-chain or verify (another hash function or codec). */
export class UnsupportedCidError extends DaimmError {
  override name = 'UnsupportedCidError'
  /** The CID, as a string. */
  readonly cid: string

  constructor({ cid, reason, accepted }: { cid: string; reason: string; accepted: string }) {
    super(`CID ${cid} is not supported: ${reason}.`, { metaMessages: [`Accepted: ${accepted}.`] })
    this.cid = cid
  }
}

/** `computeCid` or a storage call got import options that no UnixFS importer accepts. */
export class InvalidImportSettingsError extends DaimmError {
  override name = 'InvalidImportSettingsError'
  /** The option at fault, e.g. `chunkSize`. */
  readonly option: string

  constructor({ option, value, expected }: { option: string; value: unknown; expected: string }) {
    super(`Invalid CID import option ${option}: ${describeValue(value)}. Expected ${expected}.`)
    this.option = option
  }
}

/** The input to hash is not bytes, an iterable of byte chunks, a Blob or a ReadableStream. */
export class InvalidByteSourceError extends DaimmError {
  override name = 'InvalidByteSourceError'

  constructor({ found, hint }: { found: string; hint?: string | undefined }) {
    super(`Cannot read bytes from ${found}.`, {
      metaMessages: [
        'Pass a Uint8Array, a Blob or File, a ReadableStream of Uint8Array, or an (async) iterable',
        'of Uint8Array chunks (a Node.js Readable works).',
        ...(hint ? [hint] : []),
      ],
    })
  }
}

/** Content does not hash to the CID it was fetched or stored under. */
export class CidMismatchError extends DaimmError {
  override name = 'CidMismatchError'
  /** The CID the content should have. */
  readonly expected: string
  /** What the content hashes to, per import settings tried (`settings` describes them). */
  readonly actual: readonly { cid: string; settings: string }[]
  /** Where the content came from, e.g. a gateway URL or a file. */
  readonly source: string

  constructor({
    expected,
    actual,
    source,
    hint,
  }: {
    expected: string
    actual: readonly { cid: string; settings: string }[]
    source: string
    hint?: string | undefined
  }) {
    super(`Content from ${source} does not match its CID ${expected}.`, {
      metaMessages: [
        ...actual.map(({ cid, settings }) => `With ${settings} it hashes to ${cid}.`),
        hint ??
          'The content was changed on the way or at rest, or it was imported with other settings (pass them to verify against).',
      ],
    })
    this.expected = expected
    this.actual = actual
    this.source = source
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'bigint') return `${value}n`
  return String(value)
}

/** A file to hash or store cannot be read (Node.js entry only). */
export class FileReadError extends DaimmError {
  override name = 'FileReadError'
  readonly path: string
  /** The system error code, e.g. `ENOENT`. */
  readonly code: string | undefined

  constructor({ path, cause }: { path: string; cause: unknown }) {
    const code = (cause as { code?: unknown } | null)?.code
    const known = typeof code === 'string' ? fileErrors[code] : undefined
    super(known ? known.message(path) : `Cannot read ${path}.`, {
      cause,
      metaMessages: known ? [known.fix] : undefined,
    })
    this.path = path
    this.code = typeof code === 'string' ? code : undefined
  }
}

const fileErrors: Record<string, { message: (path: string) => string; fix: string }> = {
  ENOENT: {
    message: (path) => `No such file: ${path}.`,
    fix: 'Check the path; a relative path starts from the current directory.',
  },
  EISDIR: {
    message: (path) => `${path} is a directory, not a file.`,
    fix: 'Give the path of one file: a model or dataset is hashed file by file.',
  },
  EACCES: {
    message: (path) => `Permission denied reading ${path}.`,
    fix: 'Check the file permissions, or run as a user who may read it.',
  },
}
