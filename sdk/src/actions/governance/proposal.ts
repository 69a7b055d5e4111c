import { type Address, type Hex, keccak256, stringToBytes } from 'viem'

/** One call a proposal makes through the timelock. */
export type ProposalCall = { target: Address; value?: bigint | undefined; data: Hex }

/** A proposal as the governor identifies it: its calls and its description. */
export type Proposal = { calls: readonly ProposalCall[]; description: string }

export const proposalStates = [
  'pending',
  'active',
  'canceled',
  'defeated',
  'succeeded',
  'queued',
  'expired',
  'executed',
] as const
export type ProposalState = (typeof proposalStates)[number]

/** The governor's (targets, values, calldatas, descriptionHash) form of a proposal. */
export function proposalArgs({ calls, description }: Proposal) {
  return [
    calls.map((call) => call.target),
    calls.map((call) => call.value ?? 0n),
    calls.map((call) => call.data),
    keccak256(stringToBytes(description)),
  ] as const
}
