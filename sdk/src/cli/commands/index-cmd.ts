import { readFile } from 'node:fs/promises'
import { createPublicClient, http } from 'viem'
import { type Deployment, getDeployment, parseDeployment } from '../../deployments.js'
import { createIndexer } from '../../indexer/index.js'
import type { IndexedState } from '../../indexer/state.js'
import { CliUsageError, type Command, ExitCode } from '../command.js'
import { parseFlags, parseWholeNumber } from '../parse-flags.js'

const help = `Usage: daimm index --rpc <url> [options]

Rebuilds the protocol's state from its events alone (models, owners and lineage; stakes,
unbonding and slashes; scoring rounds; splits and claimable revenue; offers and licenses)
and prints it.

Options:
  --rpc <url>            JSON-RPC endpoint of the chain (required)
  --deployment <file>    deployments/<chainId>.json of a custom deployment
                           (default: the deployment the SDK ships for the node's chain)
  --from <block>         first block to read (default: the deployment's startBlock)
  --confirmations <n>    blocks a reorg may still replace (default 12)
  --json                 print the whole state as JSON (numbers as decimal strings)
  -h, --help             show this help

Examples:
  daimm index --rpc http://127.0.0.1:8545
  daimm index --rpc http://127.0.0.1:8545 --json > state.json
`

export const indexCommand: Command = {
  name: 'index',
  summary: "Rebuild the protocol's state from events and print it",
  help,
  async run(args, io) {
    const { values, positionals } = parseFlags('index', args, {
      rpc: { type: 'string' },
      deployment: { type: 'string' },
      from: { type: 'string' },
      confirmations: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    })
    if (values.help) {
      io.stdout.write(help)
      return ExitCode.ok
    }
    if (positionals.length > 0)
      throw new CliUsageError(`daimm index takes no arguments, but got: ${positionals.join(' ')}.`)
    if (!values.rpc)
      throw new CliUsageError('daimm index needs the chain to read.', {
        fix: 'Give its JSON-RPC endpoint, e.g. `daimm index --rpc http://127.0.0.1:8545`.',
      })
    const publicClient = createPublicClient({ transport: http(values.rpc) })
    const deployment: Deployment = values.deployment
      ? parseDeployment(JSON.parse(await readFile(values.deployment, 'utf8')))
      : getDeployment(await publicClient.getChainId())
    const indexer = createIndexer({
      publicClient,
      deployment,
      fromBlock:
        values.from === undefined ? undefined : parseWholeNumber('--from', values.from, '0'),
      confirmations:
        values.confirmations === undefined
          ? undefined
          : parseWholeNumber('--confirmations', values.confirmations, '12'),
    })
    const { head } = await indexer.sync()
    const state = indexer.getState()
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ chainId: deployment.chainId, head, state }, (_key, value) =>
          typeof value === 'bigint' ? value.toString() : value,
        )}\n`,
      )
      return ExitCode.ok
    }
    io.stdout.write(summary(deployment, head, state))
    return ExitCode.ok
  },
}

function summary(deployment: Deployment, head: bigint, state: IndexedState): string {
  const models = Object.values(state.models)
  const rounds = Object.values(state.rounds)
  const lines = [
    `chain ${deployment.chainId}, blocks ${deployment.startBlock}–${head}`,
    `  models     ${models.length} (${models.filter((m) => m.parent).length} with a parent)`,
    `  stakers    ${Object.keys(state.stakers).length}, validator set ${state.validatorSet.length}, staked ${state.totals.staked} wei, unbonding ${state.totals.unbonding} wei`,
    `  rounds     ${rounds.length} (${rounds.filter((r) => r.status === 'finalized').length} finalized, ${rounds.filter((r) => r.status === 'failed').length} failed)`,
    `  escrows    ${Object.keys(state.escrows).length}, challenges ${Object.keys(state.challenges).length}`,
    `  splits     ${Object.keys(state.splits).length}`,
    `  offers     ${Object.keys(state.offers).length} (${Object.keys(state.signedOffers).length} signed listed or cancelled), licenses ${Object.keys(state.licenses).length}`,
    `  inboxes    ${Object.keys(state.royaltyInboxes).length} deployed; protocol fees owed in ${Object.values(state.protocolFees).filter((owed) => owed > 0n).length} (treasury, token) account(s)`,
  ]
  for (const m of models) {
    const score = m.evaluation ? `, score ${m.evaluation.score}` : ''
    const parent = m.parent ? `, ${m.relation} of ${m.parent}` : ''
    lines.push(`  ${m.id} ${m.kind}, ${m.status}, owner ${m.owner}${parent}${score}`)
  }
  return `${lines.join('\n')}\n`
}
