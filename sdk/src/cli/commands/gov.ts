import type { Address, Hash } from 'viem'
import { type VoteSupport, voteSupports } from '../../actions/governance/castVote.js'
import type { ProposalDetails } from '../../actions/governance/getProposal.js'
import type { DaimmClient } from '../../client.js'
import { type ChainIo, chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatDate,
  formatRows,
  outputHelp,
  parseAddress,
  parseId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { formatAmount } from '../format.js'
import { callsFileHelp, readProposalCalls } from '../proposal-calls.js'

const usage = 'daimm gov <propose|vote|queue|execute|status|delegate> … [options]'

const help = `Usage: daimm gov propose <calls.json> --description <text> [options]
       daimm gov vote <proposalId> <for|against|abstain> [--reason <text>] [options]
       daimm gov queue <proposalId> [options]
       daimm gov execute <proposalId> [options]
       daimm gov status <proposalId> [options]
       daimm gov delegate <address|self> [options]

Token-holder governance: a proposal is a list of calls the timelock makes once the proposal
passes. Propose (you need the proposal threshold in votes), wait the voting delay, vote, and
after the voting period anyone queues a succeeded proposal in the timelock and, after its delay,
executes it. Votes count as delegated at the proposal's snapshot: delegate before proposals open.
Genesis holders are delegated already. docs/governance.md has the whole cycle.

${callsFileHelp}

Options:
  --description <text>   the proposal's description (propose); it is part of its id
  --reason <text>        a reason kept with the vote (vote)
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm gov propose calls.json --description "Royalty rate to 2.5%"
  daimm gov vote 1234… for --reason "cheaper licenses"
  daimm gov queue 1234… && daimm gov execute 1234…
  daimm gov status 1234… --json
`

const subcommands = ['propose', 'vote', 'queue', 'execute', 'status', 'delegate'] as const
type Subcommand = (typeof subcommands)[number]

export const govCommand = chainCommand({
  name: 'gov',
  summary: 'Governance: propose, vote, queue, execute, status, delegate',
  help,
  options: {
    ...signerOptions,
    description: { type: 'string' },
    reason: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const [sub, ...rest] = positionals
    if (sub === undefined || !subcommands.includes(sub as Subcommand))
      throw new CliUsageError(
        sub === undefined
          ? 'daimm gov needs a subcommand.'
          : `daimm gov has no subcommand ${JSON.stringify(sub)}.`,
        { fix: `Usage: ${usage}` },
      )
    const command = sub as Subcommand
    if (values.description !== undefined && command !== 'propose')
      throw new CliUsageError('--description goes with `daimm gov propose` only.')
    if (values.reason !== undefined && command !== 'vote')
      throw new CliUsageError('--reason goes with `daimm gov vote` only.')
    const expect = command === 'vote' ? 2 : 1
    if (rest.length !== expect)
      throw new CliUsageError(
        `daimm gov ${command} takes ${expect === 2 ? 'a proposal id and a support' : 'one argument'}, but got ${rest.length === 0 ? 'none' : rest.join(' ')}.`,
        { fix: `Usage: daimm gov --help` },
      )
    const json = values.json === true

    if (command === 'propose') {
      const description = values.description
      if (description === undefined || description.trim() === '')
        throw new CliUsageError('daimm gov propose needs --description <text>.', {
          fix: 'The description is part of the proposal id: queue and execute find it again.',
        })
      const { daimm, deployment } = await connectChain(values, io, { command: 'gov', signer: true })
      const calls = await readProposalCalls(rest[0] ?? '', deployment.contracts)
      const { proposalId, hash } = await daimm.governance.propose({ calls, description })
      return report(io, json, `Proposed ${proposalId}`, hash, await details(daimm, proposalId))
    }

    if (command === 'delegate') {
      const { daimm, account } = await connectChain(values, io, { command: 'gov', signer: true })
      const target = rest[0] ?? ''
      const delegatee: Address =
        target === 'self' ? account.address : parseAddress('The delegatee', target)
      const { hash } = await daimm.governance.delegate({ delegatee })
      const votes = await daimm.governance.getVotingPower({ account: delegatee })
      if (json) {
        writeJson(io, { account: account.address, delegatee, transaction: hash, votes })
        return ExitCode.ok
      }
      io.stdout.write(
        `Delegated the votes of ${account.address} to ${delegatee}\n${formatRows([
          ['transaction', hash],
          ['votes', `${formatAmount(votes, 18)} DAIMM now delegated to ${delegatee}`],
        ])}\n`,
      )
      return ExitCode.ok
    }

    const proposalId = parseId('The proposal id', rest[0] ?? '', 'daimm gov status 1234')
    if (command === 'status') {
      const { daimm } = await connectChain(values, io, { command: 'gov' })
      return report(io, json, `Proposal ${proposalId}`, undefined, await details(daimm, proposalId))
    }

    const { daimm } = await connectChain(values, io, { command: 'gov', signer: true })
    const proposal = await details(daimm, proposalId)
    let hash: Hash
    let title: string
    if (command === 'vote') {
      const support = rest[1] as VoteSupport
      if (!voteSupports.includes(support))
        throw new CliUsageError(
          `A vote is for, against or abstain, not ${JSON.stringify(rest[1])}.`,
        )
      if (proposal.state !== 'active')
        throw new CliFailure(
          `Proposal ${proposalId} is ${proposal.state}: votes are taken while it is active.`,
          {
            metaMessages: [
              `Voting runs from ${formatDate(proposal.voteStart)} to ${formatDate(proposal.voteEnd)}.`,
            ],
          },
        )
      ;({ hash } = await daimm.governance.castVote({ proposalId, support, reason: values.reason }))
      title = `Voted ${support} on ${proposalId}`
    } else if (command === 'queue') {
      if (proposal.state !== 'succeeded')
        throw new CliFailure(
          `Proposal ${proposalId} is ${proposal.state}: only a succeeded proposal is queued.`,
        )
      ;({ hash } = await daimm.governance.queue(proposal))
      title = `Queued ${proposalId} in the timelock`
    } else {
      if (proposal.state !== 'queued')
        throw new CliFailure(
          `Proposal ${proposalId} is ${proposal.state}: only a queued proposal is executed.`,
        )
      ;({ hash } = await daimm.governance.execute(proposal))
      title = `Executed ${proposalId}`
    }
    return report(io, json, title, hash, await details(daimm, proposalId))
  },
})

async function details(daimm: DaimmClient, proposalId: bigint): Promise<ProposalDetails> {
  const proposal = await daimm.governance.getProposal({ proposalId })
  if (!proposal)
    throw new CliFailure(`No proposal has id ${proposalId} on this governor.`, {
      metaMessages: ['`daimm gov propose` prints the id of the proposals it makes.'],
    })
  return proposal
}

function report(
  io: ChainIo,
  json: boolean,
  title: string,
  hash: Hash | undefined,
  p: ProposalDetails,
): number {
  if (json) {
    writeJson(io, {
      proposalId: p.proposalId,
      transaction: hash ?? null,
      state: p.state,
      proposer: p.proposer,
      description: p.description,
      calls: p.calls,
      voteStart: p.voteStart,
      voteEnd: p.voteEnd,
      votes: p.votes,
      quorum: p.quorum,
      eta: p.eta,
    })
    return ExitCode.ok
  }
  const daimm = (value: bigint) => `${formatAmount(value, 18)} DAIMM`
  io.stdout.write(
    `${title}\n${formatRows([
      ...(hash ? [['transaction', hash] as const] : []),
      ['state', p.state],
      ['description', p.description],
      ['proposer', p.proposer],
      [
        'calls',
        `${p.calls.length}: ${p.calls.map((c) => `${c.target} ${c.data.slice(0, 10)}`).join(', ')}`,
      ],
      ['voting', `${formatDate(p.voteStart)} to ${formatDate(p.voteEnd)}`],
      ['for', daimm(p.votes.for)],
      ['against', daimm(p.votes.against)],
      ['abstain', daimm(p.votes.abstain)],
      ['quorum', daimm(p.quorum)],
      ...(p.eta ? [['executable', formatDate(p.eta)] as const] : []),
    ])}\n`,
  )
  return ExitCode.ok
}
