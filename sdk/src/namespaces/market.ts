// `@daimm/sdk/market`: the market actions alone, standalone (`action(ctx, params)`), with what they run
// against: a dApp that uses one namespace bundles it without the others' ABIs.

export { callsOf, sendOf } from '../actions/calls.js'
export { createDaimmContext } from '../actions/context.js'
export * from '../actions/market/index.js'
