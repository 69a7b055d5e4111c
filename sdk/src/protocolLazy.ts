import type { Abi, Hex } from 'viem'
import { protocolErrorSignatures, protocolEventSignatures } from './generated/protocol.js'
import { decodeErrorWith, item } from './protocolAbiItems.js'

// What a failed call and a write's receipt load with `import()`: the tables behind
// `@daimm/sdk/protocol`'s `decodeProtocolError` and `protocolEventsAbi` (the one copy,
// generated/protocol.ts). No other entry imports them statically, so that bundles of the root and
// of the namespaces fetch them only on this path.

/** `decodeProtocolError`, loaded on the first failure. */
export const decodeLazily = (data: Hex) => decodeErrorWith(protocolErrorSignatures, data)

let events: Abi | undefined
/** `protocolEventsAbi`, built on the first receipt. */
export const eventsAbi = (): Abi =>
  (events ??= protocolEventSignatures.map((signature) => item('event', signature)) as Abi)
