import { DaimmError } from '../errors.js'

/** Ciphertext that is not a DAIMM encrypted artifact, or that fails authentication (tampered, truncated, reordered, wrong key). */
export class DecryptionError extends DaimmError {
  override name = 'DecryptionError'
  constructor(reason: string) {
    super(`The encrypted artifact cannot be decrypted: ${reason}.`, {
      metaMessages: [
        'Nothing decrypted so far may be used: it was changed, cut short, or is under another key.',
      ],
    })
  }
}

/** Why a gateway refused a signed request (the `reason` of its 403 problem). */
export const refusalReasons = [
  'no license',
  'license expired',
  'commercial license required',
  'model flagged',
  'bad signature',
  'replayed',
  'request expired',
  'wrong gateway',
  'not the owner',
  'no content key',
] as const
export type RefusalReason = (typeof refusalReasons)[number]

/** A gateway answered a licensing request with an RFC 9457 problem. */
export class GatewayRefusedError extends DaimmError {
  override name = 'GatewayRefusedError'
  readonly status: number
  readonly reason: string | undefined
  constructor({
    status,
    reason,
    detail,
    url,
  }: {
    status: number
    reason?: string | undefined
    detail?: string | undefined
    url: string
  }) {
    super(
      `The gateway refused: ${reason ?? `HTTP ${status}`}${detail ? ` (${detail.replace(/\.$/, '')})` : ''}.`,
      { details: `${status} from ${url}` },
    )
    this.status = status
    this.reason = reason
  }
}

/** What was decrypted does not hash to the model id: the publisher deposited the wrong key or registered other bytes. */
export class LicensedContentMismatchError extends DaimmError {
  override name = 'LicensedContentMismatchError'
  constructor({ modelId, actual }: { modelId: string; actual: string }) {
    super(`The decrypted model hashes to ${actual}, not to its id ${modelId}.`, {
      metaMessages: [
        'Nothing was written. Tell the publisher: the artifact or key is not the model registered.',
      ],
    })
  }
}
