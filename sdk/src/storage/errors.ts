import { DaimmError } from '../errors.js'

/** A storage backend (Kubo, a gateway) could not be reached or answered with an error. */
export class StorageRequestError extends DaimmError {
  override name = 'StorageRequestError'
  /** The URL requested, without credentials. */
  readonly url: string
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined

  constructor({
    url,
    status,
    reason,
    fix,
    details,
    cause,
  }: {
    url: string
    status?: number | undefined
    reason: string
    fix?: string | undefined
    details?: string | undefined
    cause?: unknown
  }) {
    super(`Request to ${url} failed: ${reason}.`, {
      cause,
      details,
      metaMessages: fix ? [fix] : undefined,
    })
    this.url = url
    this.status = status
  }
}

/** The store or node asked does not have the content of a CID. */
export class ContentNotFoundError extends DaimmError {
  override name = 'ContentNotFoundError'
  readonly cid: string
  /** Where it was looked for, e.g. a directory or a URL. */
  readonly where: string

  constructor({ cid, where, details }: { cid: string; where: string; details?: string }) {
    super(`${where} does not have ${cid}.`, { details })
    this.cid = cid
    this.where = where
  }
}

/** A node stored content under another CID than the import settings asked for give. */
export class ImportSettingsIgnoredError extends DaimmError {
  override name = 'ImportSettingsIgnoredError'
  /** The CID the settings give, computed locally. */
  readonly expected: string
  /** The CID the node reported. */
  readonly reported: string

  constructor({
    node,
    expected,
    reported,
    settings,
  }: {
    node: string
    expected: string
    reported: string
    settings: string
  }) {
    super(`${node} added the content as ${reported}, but ${settings} give ${expected}.`, {
      metaMessages: [
        'The node did not apply every import option: `max-file-links` needs Kubo 0.35 or later.',
        `Upgrade the node, or store with the settings it uses. It now holds the content as ${reported}.`,
      ],
    })
    this.expected = expected
    this.reported = reported
  }
}
