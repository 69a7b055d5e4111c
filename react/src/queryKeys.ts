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
  round: (chainId: number, id: string) => ['daimm', chainId, 'round', id] as const,
  proposals: (chainId: number) => ['daimm', chainId, 'proposals'] as const,
  reviews: (chainId: number, of: { model: string } | { reviewer: string }) =>
    ['daimm', chainId, 'reviews', Object.values(of)[0]?.toLowerCase()] as const,
  account: (chainId: number, address: string) =>
    ['daimm', chainId, 'account', address.toLowerCase()] as const,
}
