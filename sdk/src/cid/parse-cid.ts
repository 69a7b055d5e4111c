import { CID } from 'multiformats/cid'
import { InvalidCidError } from './errors.js'

/**
 * A CID from a CID object (of any copy of multiformats) or its string form: CIDv0 (`Qm…`) or CIDv1
 * in base32 (`b…`), base36 (`k…`) or base58btc (`z…`).
 *
 * @example
 * parseCid('QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH').version // 0
 */
export function parseCid(value: CID | string): CID {
  if (typeof value === 'string') {
    try {
      return CID.parse(value.trim())
    } catch (cause) {
      throw new InvalidCidError({
        value: JSON.stringify(value),
        reason: 'it does not decode as a CID',
        cause,
      })
    }
  }
  const cid = CID.asCID(value)
  if (cid) return cid
  throw new InvalidCidError({
    value: String(value),
    reason: 'expected a CID object or string',
  })
}
