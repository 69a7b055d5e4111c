import { keepPreviousData, type UseQueryOptions, useQuery } from '@tanstack/react-query'
import type {
  Account,
  GatewayApiError,
  ModelDetail,
  ModelSummary,
  ModelsQuery,
  Page,
  Proposal,
  Review,
  RoundDetail,
} from './api.js'
import { useDaimmConfig } from './provider.js'
import { daimmKeys } from './queryKeys.js'

type Options<T> = Omit<UseQueryOptions<T, GatewayApiError>, 'queryKey' | 'queryFn'>

/** A page of models matching `query`, through the gateway (full text, filters, sort, cursor). */
export function useModels(query: ModelsQuery, options: Options<Page<ModelSummary>> = {}) {
  const { api, chainId } = useDaimmConfig()
  return useQuery<Page<ModelSummary>, GatewayApiError>({
    queryKey: daimmKeys.models(chainId, query),
    queryFn: ({ signal }) => api.listModels(query, { signal }),
    placeholderData: keepPreviousData,
    ...options,
  })
}

/** One model: card, lineage, evaluations, offers, split. */
export function useModel(id: string | undefined, options: Options<ModelDetail> = {}) {
  const { api, chainId } = useDaimmConfig()
  return useQuery<ModelDetail, GatewayApiError>({
    queryKey: daimmKeys.model(chainId, id ?? ''),
    queryFn: ({ signal }) => api.getModel(id as string, { signal }),
    enabled: Boolean(id),
    ...options,
  })
}

/** One scoring round with its committee. */
export function useRound(id: string | bigint | undefined, options: Options<RoundDetail> = {}) {
  const { api, chainId } = useDaimmConfig()
  const key = id === undefined ? '' : String(id)
  return useQuery<RoundDetail, GatewayApiError>({
    queryKey: daimmKeys.round(chainId, key),
    queryFn: ({ signal }) => api.getRound(key, { signal }),
    enabled: key !== '',
    ...options,
  })
}

/** An account: its models, stake, licenses, claimable royalties and rewards. */
export function useDaimmAccount(address: string | undefined, options: Options<Account> = {}) {
  const { api, chainId } = useDaimmConfig()
  return useQuery<Account, GatewayApiError>({
    queryKey: daimmKeys.account(chainId, address ?? ''),
    queryFn: ({ signal }) => api.getAccount(address as string, { signal }),
    enabled: Boolean(address),
    ...options,
  })
}

/** What `address` can claim: royalties by model and token, and scoring rewards. */
export function useClaimable(address: string | undefined) {
  const { api, chainId } = useDaimmConfig()
  return useQuery<Account, GatewayApiError, Pick<Account, 'claimable' | 'rewards'>>({
    queryKey: daimmKeys.account(chainId, address ?? ''),
    queryFn: ({ signal }) => api.getAccount(address as string, { signal }),
    enabled: Boolean(address),
    select: ({ claimable, rewards }) => ({ claimable, rewards }),
  })
}

/** Reviews of a model (`{ model }`) or by an account (`{ reviewer }`), newest first: the first page. */
export function useReviews(
  of: { model: string } | { reviewer: string } | undefined,
  options: Options<Page<Review>> = {},
) {
  const { api, chainId } = useDaimmConfig()
  return useQuery<Page<Review>, GatewayApiError>({
    queryKey: daimmKeys.reviews(chainId, of ?? { model: '' }),
    queryFn: ({ signal }) => api.listReviews(of as { model: string }, { limit: 50 }, { signal }),
    enabled: Boolean(of && Object.values(of)[0]),
    ...options,
  })
}

/** Governor proposals, newest first, with state and votes: the first page. */
export function useProposals(options: Options<Page<Proposal>> = {}) {
  const { api, chainId } = useDaimmConfig()
  return useQuery<Page<Proposal>, GatewayApiError>({
    queryKey: daimmKeys.proposals(chainId),
    queryFn: ({ signal }) => api.listProposals({ limit: 50 }, { signal }),
    ...options,
  })
}
