import { parseEventLogs } from 'viem'
import { stakeManagerAbi } from '../../generated/contracts.js'
import { chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatDate,
  formatRows,
  onePositional,
  outputHelp,
  parseAmount,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { formatAmount } from '../format.js'
import { stakeJson, stakeRows } from './stake.js'

const usage = 'daimm unstake <amount|all> [options]'

const help = `Usage: ${usage}

Requests to unstake: moves DAIMM from your active stake into the unbonding queue. It stops
counting for scoring at once, stays slashable through the unbonding period, and is then yours
to take with \`daimm withdraw\`. Stake locked by open scoring rounds cannot be unstaked.

Arguments:
  <amount>               DAIMM to unstake (e.g. 500, 0.5), or \`all\` for all unlocked stake

Options:
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm unstake 500
  daimm unstake all --json
`

export const unstakeCommand = chainCommand({
  name: 'unstake',
  summary: 'Request to unstake DAIMM (withdraw it after the unbonding period)',
  help,
  options: signerOptions,
  async run({ values, positionals }, io) {
    const text = onePositional('unstake', positionals, 'an amount of DAIMM (or all)', usage)
    const all = text.trim().toLowerCase() === 'all'
    const requested = all ? undefined : parseAmount('The amount', text, 18, 'daimm unstake 500')
    if (requested === 0n)
      throw new CliUsageError('The amount to unstake is 0.', { fix: `Usage: ${usage}` })

    const { daimm, account } = await connectChain(values, io, {
      command: 'unstake',
      signer: true,
    })
    const before = await daimm.staking.getStake({ account: account.address })
    const unlocked = before.staked > before.locked ? before.staked - before.locked : 0n
    const amount = requested ?? unlocked
    if (amount === 0n)
      throw new CliFailure(
        `${account.address} has no unlocked stake to unstake (staked ${formatAmount(before.staked, 18)} DAIMM, locked ${formatAmount(before.locked, 18)}).`,
      )
    const result = await daimm.staking.requestUnstake({ amount })
    const [requestedEvent] = parseEventLogs({
      abi: stakeManagerAbi,
      logs: result.receipt.logs,
      eventName: 'UnstakeRequested',
    })
    const releaseAt = requestedEvent?.args.releaseAt ?? 0n
    const stake = await daimm.staking.getStake({ account: account.address })
    if (values.json) {
      writeJson(io, {
        account: account.address,
        amount,
        releaseAt,
        transaction: result.hash,
        ...stakeJson(stake),
      })
      return ExitCode.ok
    }
    io.stdout.write(
      `Requested to unstake ${formatAmount(amount, 18)} DAIMM from ${account.address}\n${formatRows(
        [
          ['transaction', result.hash],
          ['withdraw', `from ${formatDate(releaseAt)}, with \`daimm withdraw\``],
          ...stakeRows(stake),
        ],
      )}\n`,
    )
    return ExitCode.ok
  },
})
