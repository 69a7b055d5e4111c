import { erc20Abi, type Hash } from 'viem'
import type { GetStakeReturnType } from '../../actions/staking/getStake.js'
import type { DaimmClient } from '../../client.js'
import { ContractError } from '../../contractErrors.js'
import { chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatDate,
  formatRows,
  note,
  outputHelp,
  parseAmount,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, type Command, ExitCode } from '../command.js'
import { formatAmount } from '../format.js'

const usage = 'daimm stake <amount> [--validator] [options]'

const help = `Usage: ${usage}
       daimm stake --sync [options]

Stakes DAIMM from your account in the StakeManager (an approve of exactly the amount is sent
first when the allowance is short). With --validator, it also joins the validator set and syncs
your weight in the sortition pool, so that scoring rounds can draw you. Stake stays slashable
until withdrawn: see \`daimm unstake\` and \`daimm withdraw\`.

Arguments:
  <amount>               DAIMM to stake, in whole tokens or with decimals (e.g. 10000, 2.5)

Options:
  --validator            stake as a validator (needs the validator minimum) and sync the weight
  --sync                 only sync your sortition weight with your stake (no amount, no transfer)
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  DAIMM_PRIVATE_KEY=0x… daimm stake 10000 --validator
  daimm stake 500 --keystore ~/.daimm/key.json --rpc https://rpc.example --json
`

export const stakeCommand = chainCommand({
  name: 'stake',
  summary: 'Stake DAIMM, optionally as a validator',
  help,
  options: {
    ...signerOptions,
    validator: { type: 'boolean' },
    sync: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (values.sync && positionals.length > 0)
      throw new CliUsageError('--sync takes no amount: it only syncs your sortition weight.', {
        fix: 'Run `daimm stake --sync`, or `daimm stake <amount> --validator` to stake more.',
      })
    const [text, ...extra] = positionals
    if (!values.sync && text === undefined)
      throw new CliUsageError('daimm stake needs an amount of DAIMM.', {
        fix: `Usage: ${usage}`,
      })
    if (extra.length > 0)
      throw new CliUsageError(`daimm stake takes one amount, but got ${positionals.join(' ')}.`, {
        fix: `Usage: ${usage}`,
      })
    const amount =
      text === undefined ? 0n : parseAmount('The amount', text, 18, 'daimm stake 10000')
    if (!values.sync && amount === 0n)
      throw new CliUsageError('The amount to stake is 0.', { fix: `Usage: ${usage}` })

    const { daimm, account, publicClient, deployment } = await connectChain(values, io, {
      command: 'stake',
      signer: true,
    })
    let hash: Hash | undefined
    if (!values.sync) {
      const balance = await publicClient.readContract({
        address: deployment.contracts.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [account.address],
      })
      if (balance < amount)
        throw new CliFailure(
          `${account.address} holds ${formatAmount(balance, 18)} DAIMM, less than the ${formatAmount(amount, 18)} to stake.`,
        )
      ;({ hash } = await daimm.staking.stake({ amount, asValidator: values.validator }))
    }
    const weight =
      values.validator || values.sync ? await syncWeight(daimm, io, values.json) : undefined
    const stake = await daimm.staking.getStake({ account: account.address })
    if (values.json) {
      writeJson(io, {
        account: account.address,
        amount,
        transaction: hash ?? null,
        ...stakeJson(stake),
        sortitionWeight: weight?.weight ?? null,
        weightSynced: weight ? weight.synced : null,
      })
      return ExitCode.ok
    }
    const title = values.sync
      ? `Synced the sortition weight of ${account.address}`
      : `Staked ${formatAmount(amount, 18)} DAIMM from ${account.address}${values.validator ? ' as a validator' : ''}`
    io.stdout.write(
      `${title}\n${formatRows([
        ...(hash ? [['transaction', hash] as const] : []),
        ...stakeRows(stake),
        ...(weight
          ? [
              [
                'weight',
                weight.synced
                  ? `${formatAmount(weight.weight, 18)} DAIMM in the sortition pool`
                  : 'not synced: a round waits for its committee draw (run `daimm stake --sync` later)',
              ] as const,
            ]
          : []),
      ])}\n`,
    )
    return ExitCode.ok
  },
})

/** Syncs the sender's sortition weight; a pool frozen by a pending draw is not a failure. */
async function syncWeight(
  daimm: DaimmClient,
  io: Parameters<Command['run']>[1],
  json: boolean | undefined,
): Promise<{ weight: bigint; synced: boolean }> {
  try {
    const { weight } = await daimm.scoring.updateWeight()
    return { weight, synced: true }
  } catch (error) {
    if (!(error instanceof ContractError) || error.errorName !== 'SortitionPoolFrozen') throw error
    note(io, json, `Note: ${error.shortMessage}`)
    return { weight: 0n, synced: false }
  }
}

/** The rows of an account's stake, for the human output of stake, unstake and withdraw. */
export function stakeRows(stake: GetStakeReturnType): (readonly [string, string])[] {
  const daimm = (value: bigint) => `${formatAmount(value, 18)} DAIMM`
  return [
    ['staked', daimm(stake.staked)],
    ['locked', `${daimm(stake.locked)} (held by open scoring rounds)`],
    ['unbonding', daimm(stake.unbonding)],
    ['withdrawable', daimm(stake.withdrawable)],
    ...stake.requests.map(
      ({ amount, releaseAt }) =>
        ['unbonds', `${daimm(amount)} withdrawable from ${formatDate(releaseAt)}`] as const,
    ),
    ['validator', stake.isValidator ? 'yes' : 'no'],
  ]
}

/** An account's stake in the JSON output of stake, unstake and withdraw. */
export function stakeJson(stake: GetStakeReturnType) {
  return {
    staked: stake.staked,
    locked: stake.locked,
    unbonding: stake.unbonding,
    withdrawable: stake.withdrawable,
    isValidator: stake.isValidator,
    requests: stake.requests.map(({ amount, releaseAt }) => ({
      amount,
      releaseAt,
    })),
  }
}
