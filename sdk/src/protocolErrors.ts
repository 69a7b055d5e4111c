import { decodeAbiParameters, type Hex } from 'viem'
import { withHexModelIds } from './contractErrors.js'
import { protocolErrorOf } from './protocolAbi.js'

/**
 * Decodes revert data with every error of the protocol's contracts and of the OpenZeppelin code they
 * build on; `undefined` when no error has that selector.
 */
export function decodeProtocolError(
  data: Hex,
): { errorName: string; args: readonly unknown[] } | undefined {
  const abiItem = protocolErrorOf(data)
  if (!abiItem) return undefined
  try {
    const args = decodeAbiParameters(abiItem.inputs, `0x${data.slice(10)}`)
    return { errorName: abiItem.name, args: withHexModelIds(abiItem.inputs, args) }
  } catch {
    return undefined
  }
}
