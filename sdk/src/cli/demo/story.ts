import { type Address, parseEther } from 'viem'
import type { LocalStore } from '../../storage/local-store.js'
import { formatAmount } from '../format.js'
import type { DemoArtifacts } from './artifacts.js'
import type { Actor, DemoChain } from './chain.js'

/** Who plays in the story: anvil's ten default accounts. */
export type Cast = {
  /** Account 0: deployed the protocol; draws, finalizes and releases (anyone may). */
  operator: Actor
  /** Registers the bundled Iris model and pays for its scoring round. */
  publisher: Actor
  /** Registers the fine-tuned child and sells licenses to it. */
  fineTuner: Actor
  /** Shares the child's revenue (say, for the data it was fine-tuned on). */
  curator: Actor
  /** Five validators; the last one is the outlier. */
  validators: readonly Actor[]
  outlier: Actor
  buyer: Actor
}

/** What every step gets. */
export type Story = {
  chain: DemoChain
  cast: Cast
  artifacts: DemoArtifacts
  /** The content-addressed store the artifacts were published to. */
  store: LocalStore
  /** Prints one progress line. */
  log: (line: string) => void
}

/** Stake of each validator, in order; the outlier's is last. */
export const VALIDATOR_STAKES = [30_000, 25_000, 25_000, 20_000, 20_000].map((n) =>
  parseEther(String(n)),
)
/** The score the outlier commits without evaluating anything. */
export const OUTLIER_SCORE = 12
/** The round's budget, shared by the validators within the band. */
export const ROUND_BUDGET = parseEther('100')
/**
 * What the publisher stakes as a contributor: a contributor reward goes only to an owner holding
 * the contributor minimum, locked while the reward is held, so a plagiarism ruling could reach it.
 */
export const CONTRIBUTOR_STAKE = parseEther('1000')
/** What the treasury puts in the reward pool, which pays the contributor's reward. */
export const REWARD_POOL_FUNDING = parseEther('1000')
/** The price of a license to the child model. */
export const LICENSE_PRICE = parseEther('1000')

export function castOf(chain: DemoChain): Cast {
  const validators = [4, 5, 6, 7, 8].map((index, i) => chain.actor(index, `validator-${i + 1}`))
  return {
    operator: chain.actor(0, 'operator'),
    publisher: chain.actor(1, 'publisher'),
    fineTuner: chain.actor(2, 'fine-tuner'),
    curator: chain.actor(3, 'curator'),
    validators,
    outlier: validators[validators.length - 1] as Actor,
    buyer: chain.actor(9, 'buyer'),
  }
}

/** An amount of DAIMM, e.g. `1,057.5 DAIMM`. */
export function daimm(amount: bigint): string {
  return `${formatAmount(amount, 18)} DAIMM`
}

/** A long hex value shortened for a progress line, e.g. `0x7099…79c8`. */
export function short(hex: string): string {
  return hex.length > 14 ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : hex
}

/** The actor with this address. */
export function actorAt(cast: Cast, address: Address): Actor {
  const all = [
    cast.operator,
    cast.publisher,
    cast.fineTuner,
    cast.curator,
    ...cast.validators,
    cast.buyer,
  ]
  const actor = all.find((a) => a.address.toLowerCase() === address.toLowerCase())
  if (!actor) throw new Error(`${address} is nobody in the demo's cast`)
  return actor
}
