import {
  type Proposal,
  useCastVote,
  useDaimmConfig,
  useDaimmContext,
  useProposals,
} from '@daimm/react'
import { daimmGovernorAbi, governance, type VoteSupport } from '@daimm/sdk'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { formatEther } from 'viem'
import { useAccount } from 'wagmi'
import { errorText } from '../format'

/** Proposals with their state and votes (from the gateway), and voting with the wallet. */
export default function GovernPage() {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const { address } = useAccount()
  const client = useQueryClient()
  const proposals = useProposals({ refetchInterval: 4000 })
  const power = useQuery({
    queryKey: ['daimm', chainId, 'votingPower', address],
    queryFn: () => governance.getVotingPower(ctx, { account: address as `0x${string}` }),
    enabled: Boolean(address),
  })
  const delegate = useMutation({
    mutationFn: () => governance.delegate(ctx, { delegatee: address as `0x${string}` }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['daimm', chainId] }),
  })
  return (
    <section aria-labelledby="govern-title">
      <h1 id="govern-title">Govern</h1>
      <p className="lead">
        DAIMM holders vote on proposals with the votes delegated to them; passed proposals run
        through the timelock.
      </p>
      {address ? (
        <p>
          Your voting power:{' '}
          <strong data-testid="power">
            {power.data === undefined ? '…' : `${formatEther(power.data)} DAIMM`}
          </strong>
          .{' '}
          <button type="button" onClick={() => delegate.mutate()} disabled={delegate.isPending}>
            {delegate.isPending ? 'Delegating… (pending)' : 'Delegate my tokens to myself'}
          </button>
          {delegate.isError && (
            <span role="alert" className="error">
              {' '}
              {errorText(delegate.error)}
            </span>
          )}
        </p>
      ) : (
        <p>Connect a wallet (top right) to vote.</p>
      )}
      {proposals.error && (
        <p role="alert" className="error">
          The proposals could not be loaded: {proposals.error.message}
        </p>
      )}
      {proposals.data?.items.length === 0 && <p>No proposal yet.</p>}
      {proposals.data?.items.map((p) => (
        <ProposalItem key={p.id} proposal={p} />
      ))}
    </section>
  )
}

function ProposalItem({ proposal }: { proposal: Proposal }) {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const { address } = useAccount()
  const vote = useCastVote()
  const id = BigInt(proposal.id)
  // Whether this wallet voted: a chain read (the gateway counts voters, not who).
  const voted = useQuery({
    queryKey: ['daimm', chainId, 'proposals', proposal.id, 'voted', address ?? ''],
    queryFn: () =>
      ctx.publicClient.readContract({
        address: ctx.deployment.contracts.governor,
        abi: daimmGovernorAbi,
        functionName: 'hasVoted',
        args: [id, address as `0x${string}`],
      }) as Promise<boolean>,
    enabled: Boolean(address),
  })
  const title = proposal.description.split('\n')[0] || `Proposal ${id}`
  const { votes, state } = proposal
  const cast = (support: VoteSupport) =>
    vote.mutate({ proposalId: id, support }, { onSuccess: () => void voted.refetch() })
  return (
    <article className="benchmark" aria-labelledby={`proposal-${proposal.id}`}>
      <h2 id={`proposal-${proposal.id}`}>{title}</h2>
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd data-testid="proposal-state">{state ?? 'unknown'}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd data-testid="votes-for">{formatEther(BigInt(votes.for.value))}</dd>
        </div>
        <div>
          <dt>Against</dt>
          <dd>{formatEther(BigInt(votes.against.value))}</dd>
        </div>
        <div>
          <dt>Abstain</dt>
          <dd>{formatEther(BigInt(votes.abstain.value))}</dd>
        </div>
        <div>
          <dt>Actions</dt>
          <dd>
            {proposal.calls.length} call{proposal.calls.length === 1 ? '' : 's'}, voting ends{' '}
            {proposal.voteEndIso.slice(0, 16).replace('T', ' ')} UTC
          </dd>
        </div>
      </dl>
      {state === 'active' && address && voted.data === false && (
        <fieldset className="votes">
          <legend className="visually-hidden">Vote on {title}</legend>
          {(['for', 'against', 'abstain'] as const).map((support) => (
            <button
              key={support}
              type="button"
              disabled={vote.isPending}
              onClick={() => cast(support)}
            >
              Vote {support}
            </button>
          ))}
        </fieldset>
      )}
      {vote.isPending && (
        <p role="status">Pending: confirm in your wallet, then wait for the block…</p>
      )}
      {voted.data && (
        <p role="status" className="ok" data-testid="voted">
          Final: you have voted on this proposal.
        </p>
      )}
      {vote.isError && (
        <p role="alert" className="error">
          {errorText(vote.error)}
        </p>
      )}
    </article>
  )
}
