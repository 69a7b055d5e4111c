import {
  type BuyLicenseParameters,
  type BuyLicenseReturnType,
  type CastVoteParameters,
  type CastVoteReturnType,
  type ClaimRoyaltiesParameters,
  type ClaimRoyaltiesReturnType,
  type CommitScoreParameters,
  type CommitScoreReturnType,
  governance,
  market,
  type RequestUnstakeParameters,
  type RequestUnstakeReturnType,
  type RevealScoreParameters,
  type RevealScoreReturnType,
  type ReviewParameters,
  type ReviewReturnType,
  royalties,
  type StakeParameters,
  type StakeReturnType,
  scoring,
  staking,
  type UpdateSortitionWeightParameters,
  type UpdateSortitionWeightReturnType,
  type WithdrawStakeReturnType,
} from '@daimm/sdk'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useDaimmConfig, useDaimmContext } from './provider.js'
import { daimmKeys } from './queryKeys.js'

/**
 * Every write refreshes what it changes once it is mined: the SDK action waits for the receipt, so
 * `isPending` is "waiting for the wallet and the chain" and `isSuccess` is final. Errors are the
 * SDK's worded errors (`error.shortMessage`, `error.metaMessages`).
 */
function useInvalidate() {
  const client = useQueryClient()
  const { chainId } = useDaimmConfig()
  return (...keys: (readonly unknown[])[]) =>
    Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })))
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => client.invalidateQueries({ queryKey: daimmKeys.all(chainId) }))
}

/** Buys a license from an offer, paying at most `maxPrice` (approving the token first if needed). */
export function useBuyLicense() {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const invalidate = useInvalidate()
  return useMutation<BuyLicenseReturnType, Error, BuyLicenseParameters & { modelId?: string }>({
    mutationFn: ({ modelId: _, ...parameters }) => market.buyLicense(ctx, parameters),
    onSuccess: (_result, { modelId }) =>
      invalidate(...(modelId ? [daimmKeys.model(chainId, modelId)] : [])),
  })
}

/** Claims royalties owed to the wallet on the given models. */
export function useClaimRoyalties() {
  const ctx = useDaimmContext()
  const invalidate = useInvalidate()
  return useMutation<ClaimRoyaltiesReturnType, Error, ClaimRoyaltiesParameters>({
    mutationFn: (parameters) => royalties.claim(ctx, parameters),
    onSuccess: () => invalidate(),
  })
}

/** Commits a score in a round where the wallet holds a seat; keep the returned salt to reveal. */
export function useCommitScore() {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const invalidate = useInvalidate()
  return useMutation<CommitScoreReturnType, Error, CommitScoreParameters>({
    mutationFn: (parameters) => scoring.commit(ctx, parameters),
    onSuccess: (_r, { roundId }) => invalidate(daimmKeys.round(chainId, String(roundId))),
  })
}

/** Reveals a committed score once the commit window has passed. */
export function useRevealScore() {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const invalidate = useInvalidate()
  return useMutation<RevealScoreReturnType, Error, RevealScoreParameters>({
    mutationFn: (parameters) => scoring.reveal(ctx, parameters),
    onSuccess: (_r, { roundId }) => invalidate(daimmKeys.round(chainId, String(roundId))),
  })
}

/** Votes on a governance proposal with the wallet's delegated votes. */
export function useCastVote() {
  const ctx = useDaimmContext()
  const invalidate = useInvalidate()
  return useMutation<CastVoteReturnType, Error, CastVoteParameters>({
    mutationFn: (parameters) => governance.castVote(ctx, parameters),
    onSuccess: () => invalidate(),
  })
}

/** Stakes DAIMM, as a validator with `asValidator` (approving the StakeManager first if needed). */
export function useStake() {
  const ctx = useDaimmContext()
  const invalidate = useInvalidate()
  return useMutation<StakeReturnType, Error, StakeParameters>({
    mutationFn: (parameters) => staking.stake(ctx, parameters),
    onSuccess: () => invalidate(),
  })
}

/**
 * Syncs a validator's sortition weight with its stake (the wallet's by default): committees are
 * drawn by that weight, which staking, unstaking and slashing leave as it was.
 */
export function useUpdateWeight() {
  const ctx = useDaimmContext()
  const invalidate = useInvalidate()
  return useMutation<
    UpdateSortitionWeightReturnType,
    Error,
    UpdateSortitionWeightParameters | undefined
  >({
    mutationFn: (parameters) => scoring.updateWeight(ctx, parameters),
    onSuccess: () => invalidate(),
  })
}

/** Starts unbonding `amount` of the wallet's stake; it can be withdrawn when the unbonding period ends. */
export function useRequestUnstake() {
  const ctx = useDaimmContext()
  const invalidate = useInvalidate()
  return useMutation<RequestUnstakeReturnType, Error, RequestUnstakeParameters>({
    mutationFn: (parameters) => staking.requestUnstake(ctx, parameters),
    onSuccess: () => invalidate(),
  })
}

/** Withdraws the wallet's stake whose unbonding has ended. */
export function useWithdrawStake() {
  const ctx = useDaimmContext()
  const invalidate = useInvalidate()
  return useMutation<WithdrawStakeReturnType, Error, void>({
    mutationFn: () => staking.withdraw(ctx),
    onSuccess: () => invalidate(),
  })
}

/** Reviews a model as a licensee (the text's document already stored under `reviewCid`). */
export function useReview() {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const invalidate = useInvalidate()
  return useMutation<ReviewReturnType, Error, ReviewParameters & { modelId: string }>({
    mutationFn: (parameters) => market.review(ctx, parameters),
    onSuccess: (_result, { modelId }) =>
      invalidate(daimmKeys.model(chainId, modelId), daimmKeys.reviews(chainId, { model: modelId })),
  })
}
