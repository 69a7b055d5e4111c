import type { ModelsQuery, RoundsQuery } from './api.js'

/**
 * Query keys: `['daimm', chainId, resource, ...arguments]`, so that two chains never share a cache
 * entry and invalidating `['daimm', chainId, 'model', id]` refreshes exactly that model.
 */
export const daimmKeys = {
  all: (chainId: number) => ['daimm', chainId] as const,
  models: (chainId: number, query: ModelsQuery) => ['daimm', chainId, 'models', query] as const,
  model: (chainId: number, id: string) => ['daimm', chainId, 'model', id.toLowerCase()] as const,
  rounds: (chainId: number, query: RoundsQuery) => ['daimm', chainId, 'rounds', query] as const,
  // The API answers round ids as 32-byte hex and a mutation knows a bigint: one key for both forms.
  round: (chainId: number, id: string) =>
    [
      'daimm',
      chainId,
      'round',
      /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(id) ? BigInt(id).toString() : id,
    ] as const,
  account: (chainId: number, address: string) =>
    ['daimm', chainId, 'account', address.toLowerCase()] as const,
}
