/**
 * Chain time, as the SDK gives and takes it: `bigint` seconds since the epoch (viem's
 * `block.timestamp`). For display only: a `Date` at that second.
 *
 * @example
 * const model = await daimm.registry.getModel({ id })
 * if (model) console.log(toDate(model.registeredAt).toISOString())
 */
export function toDate(seconds: bigint): Date {
  return new Date(Number(seconds) * 1000)
}
