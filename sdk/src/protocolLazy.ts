import type { Abi, Hex } from 'viem'
import { protocolErrorSignatures, protocolEventSignatures } from './generated/protocolLazy.js'
import { decodeErrorWith, item } from './protocolAbiItems.js'

// What a failed call and a write's receipt load with `import()`: a copy of the tables behind the
// root entry's `decodeProtocolError` and `protocolEventsAbi`, in a module the root does not import,
// so that a bundle of the root entry also leaves them out of the chunks it loads up front.

/** `decodeProtocolError`, loaded on the first failure. */
export const decodeLazily = (data: Hex) => decodeErrorWith(protocolErrorSignatures, data)

let events: Abi | undefined
/** `protocolEventsAbi`, built on the first receipt. */
export const eventsAbi = (): Abi =>
  (events ??= protocolEventSignatures.map((signature) => item('event', signature)) as Abi)
