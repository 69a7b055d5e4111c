/**
 * `@daimm/react`: React hooks over the DAIMM SDK's actions and the gateway's REST API, with
 * TanStack Query. Reads come from the gateway (`useModels`, `useModel`, `useRound`,
 * `useDaimmAccount`, `useClaimable`, `useReviews`); writes are the SDK's actions (`useBuyLicense`, …), which
 * refresh the queries they change once mined. `useLicensedModel` releases, fetches and decrypts a
 * licensed model in the page. Query keys name the chain: see `daimmKeys`.
 */
export {
  type Account,
  type Amount,
  type CardSummary,
  createGatewayApi,
  type Evaluation,
  type GatewayApi,
  GatewayApiError,
  type ModelDetail,
  type ModelSort,
  type ModelSummary,
  type ModelsQuery,
  type Offer,
  type Page,
  type Problem,
  type Proposal,
  type Review,
  type Round,
  type RoundDetail,
  type RoundMember,
  type RoundsQuery,
} from './api.js'
export {
  type LicensedModel,
  type LicensedModelProgress,
  type UseLicensedModelOptions,
  type UseLicensedModelVariables,
  useLicensedModel,
} from './licensing.js'
export {
  useBuyLicense,
  useCastVote,
  useClaimRoyalties,
  useCommitScore,
  useRequestUnstake,
  useRevealScore,
  useReview,
  useStake,
  useUpdateWeight,
  useWithdrawStake,
} from './mutations.js'
export {
  type DaimmConfig,
  DaimmProvider,
  type DaimmProviderProps,
  useDaimmConfig,
  useDaimmContext,
} from './provider.js'
export {
  useClaimable,
  useDaimmAccount,
  useModel,
  useModels,
  useProposals,
  useReviews,
  useRound,
} from './queries.js'
export { daimmKeys } from './queryKeys.js'
