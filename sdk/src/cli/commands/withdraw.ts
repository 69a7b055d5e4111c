import { parseEventLogs } from 'viem'
import { stakeManagerAbi } from '../../generated/contracts.js'
import { chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import { chainCommand, formatRows, noPositionals, outputHelp, writeJson } from '../chain-command.js'
import { ExitCode } from '../command.js'
import { formatAmount } from '../format.js'
import { stakeJson, stakeRows } from './stake.js'

const usage = 'daimm withdraw [options]'

const help = `Usage: ${usage}

Withdraws every unstake request whose unbonding period has passed, oldest first, to your
account. Fails, saying when the next request matures, when none has.

Options:
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm withdraw
  daimm withdraw --keystore key.json --json
`

export const withdrawCommand = chainCommand({
  name: 'withdraw',
  summary: 'Withdraw unstaked DAIMM whose unbonding period has passed',
  help,
  options: signerOptions,
  async run({ values, positionals }, io) {
    noPositionals('withdraw', positionals, usage)
    const { daimm, account } = await connectChain(values, io, {
      command: 'withdraw',
      signer: true,
    })
    const result = await daimm.staking.withdraw()
    const withdrawn = parseEventLogs({
      abi: stakeManagerAbi,
      logs: result.receipt.logs,
      eventName: 'Withdrawn',
    }).reduce(
      (sum, { args }) => ({
        amount: sum.amount + args.amount,
        requests: sum.requests + args.requests,
      }),
      { amount: 0n, requests: 0n },
    )
    const stake = await daimm.staking.getStake({ account: account.address })
    if (values.json) {
      writeJson(io, {
        account: account.address,
        amount: withdrawn.amount,
        requestsWithdrawn: Number(withdrawn.requests),
        transaction: result.hash,
        ...stakeJson(stake),
      })
      return ExitCode.ok
    }
    io.stdout.write(
      `Withdrew ${formatAmount(withdrawn.amount, 18)} DAIMM (${withdrawn.requests} request${withdrawn.requests === 1n ? '' : 's'}) to ${account.address}\n${formatRows(
        [['transaction', result.hash], ...stakeRows(stake)],
      )}\n`,
    )
    return ExitCode.ok
  },
})
