import type { ReportOffendersReturnType } from '../../actions/scoring/reportOffenders.js'
import type { MemberReport } from '../../actions/scoring/types.js'
import { ContractError } from '../../contractErrors.js'
import { chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatRows,
  onePositional,
  outputHelp,
  parseId,
  shortHex,
  writeJson,
} from '../chain-command.js'
import { ExitCode } from '../command.js'
import { formatAmount } from '../format.js'

const usage = 'daimm finalize <roundId> [options]'

const help = `Usage: ${usage}

Settles a scoring round once its reveal deadline has passed — anyone may, and it costs only gas:
the stake-weighted median becomes the subject's evaluation, the members within the band share
the budget, and the subject's owner is paid its reward (or, without quorum, the budget goes back
to its funder). Then reports the members who did not reveal or scored outside the band to the
Slasher, which unlocks their stake. On a round settled already, it reports whoever is left.

Arguments:
  <roundId>              the round to settle

Options:
  --no-report            settle only; leave the offenders for a later \`daimm finalize\`
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm finalize 7
  daimm finalize 7 --json
`

export const finalizeCommand = chainCommand({
  name: 'finalize',
  summary: 'Settle a scoring round after its reveal deadline and report its offenders',
  help,
  options: { ...signerOptions, 'no-report': { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const roundId = parseId(
      'The round id',
      onePositional('finalize', positionals, 'a round id', usage),
      'daimm finalize 7',
    )
    const report = !values['no-report']
    const { daimm } = await connectChain(values, io, { command: 'finalize', signer: true })
    const round = await daimm.scoring.getRound({ roundId })
    if (!round) throw new CliFailure(`No scoring round has id ${roundId}.`)
    if (round.status === 'open')
      throw new CliFailure(`The committee of round ${roundId} is not drawn yet.`, {
        metaMessages: [
          `Anyone may draw it from the block after the opening: \`daimm validate ${roundId} --draw\`, or scoring.draw in the SDK.`,
        ],
      })

    if (round.status === 'drawn') {
      const settled = await daimm.scoring.finalize({ roundId, report })
      const { settlement } = settled
      const reported = settled.report?.reported ?? []
      const left = report ? [] : settled.offenders
      if (values.json) {
        writeJson(io, {
          roundId,
          ...settlement,
          reported: reported.map(reportJson),
          unreported: left,
          transactions: { finalize: settled.hash, report: settled.report?.hash ?? null },
        })
        return ExitCode.ok
      }
      const rows: [string, string][] =
        settlement.status === 'finalized'
          ? [
              [
                'consensus',
                `${settlement.consensus} (band ${settlement.bandLow}–${settlement.bandHigh})`,
              ],
              ['contributor', `${formatAmount(settlement.contributorReward, 18)} DAIMM`],
            ]
          : [
              ['revealed', `${settlement.revealed} member(s): no quorum`],
              ['refund', `${formatAmount(settlement.refund, 18)} DAIMM to the funder`],
            ]
      rows.push(['transaction', settled.hash], ...reportRows(settled.report))
      for (const { validator, kind } of left)
        rows.push(['unreported', `${shortHex(validator)} ${kind}`])
      io.stdout.write(`Round ${roundId} ${settlement.status}\n${formatRows(rows)}\n`)
      return ExitCode.ok
    }

    // Finalized or failed already: only offenders can be left.
    const settled = `settled (${round.status === 'failed' ? 'failed, no quorum' : 'finalized'})`
    if (!report) throw new CliFailure(`Round ${roundId} is ${settled} already.`)
    let reportResult: ReportOffendersReturnType
    try {
      reportResult = await daimm.scoring.reportOffenders({ roundId })
    } catch (error) {
      if (error instanceof ContractError && error.errorName === 'ScoringNothingToReport')
        throw new CliFailure(`Round ${roundId} is ${settled}, with nobody left to report.`)
      throw error
    }
    if (values.json) {
      writeJson(io, {
        roundId,
        status: round.status,
        reported: reportResult.reported.map(reportJson),
        unreported: [],
        transactions: { finalize: null, report: reportResult.hash },
      })
      return ExitCode.ok
    }
    io.stdout.write(
      `Round ${roundId} was ${settled} already; reported its offenders\n${formatRows(reportRows(reportResult))}\n`,
    )
    return ExitCode.ok
  },
})

function reportJson({ validator, kind, slashed, escrowId }: MemberReport) {
  return { validator, kind, slashed, escrowId }
}

function reportRows(report: ReportOffendersReturnType | null): [string, string][] {
  if (!report) return []
  return [
    ['report', report.hash],
    ...report.reported.map(({ validator, kind, slashed }): [string, string] => [
      'reported',
      `${shortHex(validator)} ${kind}, slashed ${formatAmount(slashed, 18)} DAIMM`,
    ]),
  ]
}
