/**
 * `@daimm/sdk/protocol`: every custom error and event of the protocol's contracts (and of the
 * OpenZeppelin code they build on) in one ABI each, and `decodeProtocolError` for raw revert data.
 * An entry of its own, not re-exported by the root: the package ships one copy of the tables
 * (generated/protocol.ts), shared with the lazy decoding path (protocolLazy.ts), and a chunk the
 * root entry imported statically would be loaded up front by every bundle of the root.
 */
export { protocolErrorsAbi, protocolEventsAbi } from './protocolAbi.js'
export { decodeProtocolError } from './protocolErrors.js'
