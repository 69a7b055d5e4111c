import type { Hex } from 'viem'
import { protocolErrorSignatures } from './generated/protocol.js'
import { decodeErrorWith } from './protocolAbiItems.js'

/**
 * Decodes revert data with every error of the protocol's contracts and of the OpenZeppelin code they
 * build on; `undefined` when no error has that selector.
 */
export function decodeProtocolError(
  data: Hex,
): { errorName: string; args: readonly unknown[] } | undefined {
  return decodeErrorWith(protocolErrorSignatures, data)
}
