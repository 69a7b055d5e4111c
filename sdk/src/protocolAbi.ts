import type { Abi, AbiEvent } from 'viem'

type AbiError = Extract<Abi[number], { type: 'error' }>

import { protocolErrorSignatures, protocolEventSignatures } from './generated/protocol.js'
import { errorOf, item } from './protocolAbiItems.js'

/** The ABI of one protocol error, by its 4-byte selector (`0x` + 8 hex digits); undefined if none has it. */
export function protocolErrorOf(selector: string): AbiError | undefined {
  return errorOf(protocolErrorSignatures, selector)
}

/**
 * Every custom error of the protocol's contracts and of the OpenZeppelin code they build on, one
 * per selector: for viem's `decodeErrorResult` on revert data of any protocol call.
 */
export const protocolErrorsAbi: readonly AbiError[] = /* @__PURE__ */ Object.values(
  protocolErrorSignatures,
).map((signature) => item('error', signature) as AbiError)

/** Every event of the protocol's contracts, one per topic and indexing: for `parseEventLogs`. */
export const protocolEventsAbi: readonly AbiEvent[] = /* @__PURE__ */ protocolEventSignatures.map(
  (signature) => item('event', signature) as AbiEvent,
)
