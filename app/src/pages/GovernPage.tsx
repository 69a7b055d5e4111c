import { useCastVote, useDaimmConfig, useDaimmContext } from '@daimm/react'
import {
  daimmGovernorAbi,
  delegateVotes,
  getProposalState,
  getVotingPower,
  type VoteSupport,
} from '@daimm/sdk'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { formatEther } from 'viem'
import { useAccount } from 'wagmi'
import { errorText } from '../format'

type ProposalRow = {
  id: bigint
  proposer: string
  description: string
  calls: number
  voteEnd: bigint
}

/** Proposals (read from the governor's events), their state and votes, and voting with the wallet. */
export default function GovernPage() {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const { address } = useAccount()
  const client = useQueryClient()
  const proposals = useQuery({
    queryKey: ['daimm', chainId, 'proposals'],
    queryFn: async (): Promise<ProposalRow[]> => {
      const logs = await ctx.publicClient.getContractEvents({
        address: ctx.deployment.contracts.governor,
        abi: daimmGovernorAbi,
        eventName: 'ProposalCreated',
        fromBlock: BigInt(ctx.deployment.startBlock),
      })
      return logs
        .map((log) => {
          const a = log.args as {
            proposalId: bigint
            proposer: string
            targets: readonly string[]
            description: string
            voteEnd: bigint
          }
          return {
            id: a.proposalId,
            proposer: a.proposer,
            description: a.description,
            calls: a.targets.length,
            voteEnd: a.voteEnd,
          }
        })
        .reverse()
    },
    refetchInterval: 5000,
  })
  const power = useQuery({
    queryKey: ['daimm', chainId, 'votingPower', address],
    queryFn: () => getVotingPower(ctx, { account: address as `0x${string}` }),
    enabled: Boolean(address),
  })
  const delegate = useMutation({
    mutationFn: () => delegateVotes(ctx, { delegatee: address as `0x${string}` }),
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
          The proposals could not be read from the chain: {errorText(proposals.error)}
        </p>
      )}
      {proposals.data?.length === 0 && <p>No proposal yet.</p>}
      {proposals.data?.map((p) => (
        <ProposalItem key={String(p.id)} proposal={p} />
      ))}
    </section>
  )
}

function ProposalItem({ proposal }: { proposal: ProposalRow }) {
  const ctx = useDaimmContext()
  const { chainId } = useDaimmConfig()
  const { address } = useAccount()
  const vote = useCastVote()
  const key = ['daimm', chainId, 'proposal', String(proposal.id), address ?? '']
  const status = useQuery({
    queryKey: key,
    queryFn: async () => {
      const governor = {
        address: ctx.deployment.contracts.governor,
        abi: daimmGovernorAbi,
      } as const
      const [state, votes, voted] = await Promise.all([
        getProposalState(ctx, { proposalId: proposal.id }),
        ctx.publicClient.readContract({
          ...governor,
          functionName: 'proposalVotes',
          args: [proposal.id],
        }),
        address
          ? ctx.publicClient.readContract({
              ...governor,
              functionName: 'hasVoted',
              args: [proposal.id, address],
            })
          : Promise.resolve(false),
      ])
      const [against, forVotes, abstain] = votes as readonly [bigint, bigint, bigint]
      return { state, against, forVotes, abstain, voted: voted as boolean }
    },
    refetchInterval: 4000,
  })
  const title = proposal.description.split('\n')[0] || `Proposal ${proposal.id}`
  const s = status.data
  const cast = (support: VoteSupport) =>
    vote.mutate({ proposalId: proposal.id, support }, { onSuccess: () => void status.refetch() })
  return (
    <article className="benchmark" aria-labelledby={`proposal-${proposal.id}`}>
      <h2 id={`proposal-${proposal.id}`}>{title}</h2>
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd data-testid="proposal-state">{s?.state ?? '…'}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd data-testid="votes-for">{s ? formatEther(s.forVotes) : '…'}</dd>
        </div>
        <div>
          <dt>Against</dt>
          <dd>{s ? formatEther(s.against) : '…'}</dd>
        </div>
        <div>
          <dt>Abstain</dt>
          <dd>{s ? formatEther(s.abstain) : '…'}</dd>
        </div>
        <div>
          <dt>Actions</dt>
          <dd>
            {proposal.calls} call{proposal.calls === 1 ? '' : 's'}
          </dd>
        </div>
      </dl>
      {s?.state === 'active' && address && !s.voted && (
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
      {s?.voted && (
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
