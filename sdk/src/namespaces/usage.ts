// `@daimm/sdk/usage`: the usage actions alone, standalone (`action(ctx, params)`) under the names the
// client gives them (`daimm.usage.<action>(p)` is `<action>(ctx, p)`), with their types and helpers and
// what they run against: a dApp that uses one namespace bundles it without the others' ABIs.

export { callsOf, sendOf } from '../actions/calls.js'
export { createDaimmContext } from '../actions/context.js'
export * from '../actions/usage/actions.js'
export * from '../actions/usage/index.js'
