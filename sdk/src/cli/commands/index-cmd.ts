import type { Deployment } from '../../deployments.js'
import { createIndexer } from '../../indexer/index.js'
import type { IndexedState } from '../../indexer/state.js'
import { chainHelp, connectChain } from '../chain.js'
import { chainCommand, jsonText, noPositionals, shortHex } from '../chain-command.js'
import { ExitCode } from '../command.js'
import { formatAmount, formatReputation } from '../format.js'
import { parseWholeNumber } from '../parse-flags.js'

const usage = 'daimm index [--from <block>] [--confirmations <n>] [options]'

const help = `Usage: ${usage}

Rebuilds the protocol's state from its events alone (models, owners and lineage; stakes,
unbonding and slashes; scoring rounds; splits and claimable revenue; offers and licenses)
and prints a summary: amounts in DAIMM, reputations as percentages of a perfect score.

Options:
  --from <block>         first block to read (default: the deployment's startBlock)
  --confirmations <n>    blocks a reorg may still replace (default 12)
${chainHelp}
  --json                 print the whole state as JSON (numbers as decimal strings: amounts in wei,
                           reputations in basis points)
  --debug                on failure, print the stack trace too
  -h, --help             show this help

Examples:
  daimm index
  DAIMM_RPC_URL=http://127.0.0.1:8545 daimm index --json > state.json
`

export const indexCommand = chainCommand({
  name: 'index',
  summary: "Rebuild the protocol's state from events and print it",
  help,
  options: { from: { type: 'string' }, confirmations: { type: 'string' } },
  async run({ values, positionals }, io) {
    noPositionals('index', positionals, usage)
    const fromBlock =
      values.from === undefined ? undefined : parseWholeNumber('--from', values.from, '0')
    const confirmations =
      values.confirmations === undefined
        ? undefined
        : parseWholeNumber('--confirmations', values.confirmations, '12')
    const { publicClient, deployment } = await connectChain(values, io, { command: 'index' })
    const indexer = createIndexer({ publicClient, deployment, fromBlock, confirmations })
    const { head } = await indexer.sync()
    const state = indexer.getState()
    if (values.json) {
      io.stdout.write(`${jsonText({ chainId: deployment.chainId, head, state })}\n`)
      return ExitCode.ok
    }
    io.stdout.write(summary(deployment, head, state))
    return ExitCode.ok
  },
})

function summary(deployment: Deployment, head: bigint, state: IndexedState): string {
  const models = Object.values(state.models)
  const rounds = Object.values(state.rounds)
  const lines = [
    `chain ${deployment.chainId}, blocks ${deployment.startBlock}–${head}`,
    `  models     ${models.length} (${models.filter((m) => m.parent).length} with a parent)`,
    `  stakers    ${Object.keys(state.stakers).length}, validator set ${state.validatorSet.length}, staked ${daimm(state.totals.staked)}, unbonding ${daimm(state.totals.unbonding)}`,
    `  rounds     ${rounds.length} (${rounds.filter((r) => r.status === 'finalized').length} finalized, ${rounds.filter((r) => r.status === 'failed').length} failed)`,
    `  escrows    ${Object.keys(state.escrows).length}, challenges ${Object.keys(state.challenges).length}`,
    `  splits     ${Object.keys(state.splits).length}`,
    `  offers     ${Object.keys(state.offers).length} (${Object.keys(state.signedOffers).length} signed listed or cancelled), licenses ${Object.keys(state.licenses).length}`,
    `  inboxes    ${Object.keys(state.royaltyInboxes).length} deployed; protocol fees owed in ${Object.values(state.protocolFees).filter((owed) => owed > 0n).length} (treasury, token) account(s)`,
  ]
  for (const m of models) {
    const score = m.evaluation ? `, score ${m.evaluation.score}` : ''
    const parent = m.parent ? `, ${m.relation} of ${shortHex(m.parent)}` : ''
    // A contributor without a finished round has the starting reputation, 50%.
    const reputation = state.reputations[m.owner] ?? 5000n
    const owner = `owner ${m.owner} (reputation ${formatReputation(Number(reputation))})`
    lines.push(`  ${m.id} ${m.kind}, ${m.status}, ${owner}${parent}${score}`)
  }
  return `${lines.join('\n')}\n`
}

function daimm(wei: bigint): string {
  return `${formatAmount(wei, 18)} DAIMM`
}
