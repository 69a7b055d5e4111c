import { parseCid } from '../../cid/parse-cid.js'
import { chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatDate,
  formatRows,
  outputHelp,
  parseAmount,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { formatAmount } from '../format.js'
import { parseWholeNumber } from '../parse-flags.js'

const usage =
  'daimm round open <id> --dataset <cid> --metric <name> --budget <DAIMM> --seats <n> [options]'

const help = `Usage: ${usage}

Opens a scoring round on a registered model or dataset: pays the budget in DAIMM (approved first
when the allowance is short, after a simulation shows the opening would pass) and freezes the
sortition pool until the committee is drawn, which anyone may do from the next block on. The
committee then evaluates the subject on the benchmark (the dataset and the metric) with
\`daimm validate <roundId>\`, and anyone settles it with \`daimm finalize <roundId>\`.

Arguments:
  <id>                   the model or dataset to score (0x and 64 hex digits)

Options:
  --dataset <cid>        the benchmark dataset's CID (required)
  --metric <name>        the benchmark metric, e.g. accuracy (required)
  --budget <DAIMM>       the validators' reward, at least the minimum per seat × seats (required)
  --seats <n>            committee seats, 1 to the maximum committee size (required)
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm round open 0x5f1c…e9 --dataset bafkrei… --metric accuracy --budget 50 --seats 5
`

export const roundCommand = chainCommand({
  name: 'round',
  summary: 'Open a scoring round on a model or dataset, paying its budget',
  help,
  options: {
    ...signerOptions,
    dataset: { type: 'string' },
    metric: { type: 'string' },
    budget: { type: 'string' },
    seats: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const [action, subject, ...extra] = positionals
    if (action !== 'open')
      throw new CliUsageError(
        action === undefined
          ? 'daimm round needs an action: open.'
          : `daimm round has one action, open, not ${JSON.stringify(action)}.`,
        { fix: `Usage: ${usage}` },
      )
    if (subject === undefined || extra.length > 0)
      throw new CliUsageError('daimm round open takes one model or dataset id.', {
        fix: `Usage: ${usage}`,
      })
    const subjectId = parseModelId('The subject id', subject)
    const missing = (['dataset', 'metric', 'budget', 'seats'] as const).filter(
      (flag) => values[flag] === undefined,
    )
    if (missing.length > 0)
      throw new CliUsageError(
        `daimm round open needs ${missing.map((flag) => `--${flag}`).join(', ')}.`,
        { fix: `Usage: ${usage}` },
      )
    const datasetCid = parseCid(values.dataset as string)
    const metric = (values.metric as string).trim()
    if (metric === '' || new TextEncoder().encode(metric).length > 32)
      throw new CliUsageError(
        `--metric is a name of 1 to 32 bytes, not ${JSON.stringify(metric)}.`,
        {
          fix: 'For example: --metric accuracy',
        },
      )
    const budget = parseAmount('--budget', values.budget as string, 18, '50')
    const committeeSize = parseWholeNumber('--seats', values.seats as string, '5')

    const { daimm } = await connectChain(values, io, { command: 'round', signer: true })
    const parameters = await daimm.scoring.getParameters()
    if (committeeSize < 1 || committeeSize > parameters.maxCommitteeSize)
      throw new CliUsageError(
        `--seats is 1 to ${parameters.maxCommitteeSize} on this deployment, not ${committeeSize}.`,
      )
    const minimum = parameters.minBudgetPerSeat * BigInt(committeeSize)
    if (budget < minimum)
      throw new CliUsageError(
        `--budget is at least ${formatAmount(minimum, 18)} DAIMM for ${committeeSize} seat(s) (${formatAmount(parameters.minBudgetPerSeat, 18)} per seat).`,
      )
    // A clear failure for a typo'd id, before anything is approved.
    const subjectModel = await daimm.registry.getModel({ id: subjectId }).catch(() => undefined)
    if (!subjectModel)
      throw new CliFailure(`No model or dataset is registered with id ${subjectId}.`)

    const opened = await daimm.scoring.openRound({
      subjectId,
      datasetCid,
      metric,
      budget,
      committeeSize,
    })
    if (values.json) {
      writeJson(io, {
        roundId: opened.roundId,
        subjectId,
        benchmarkId: opened.benchmarkId,
        budget,
        seats: committeeSize,
        snapshotAt: opened.snapshotAt,
        seedBlock: opened.seedBlock,
        transaction: opened.hash,
        approval: opened.approval?.hash ?? null,
      })
      return ExitCode.ok
    }
    const rows: [string, string][] = [
      ['subject', `${subjectId} (${subjectModel.kind})`],
      ['benchmark', `${metric} on ${datasetCid} (${opened.benchmarkId})`],
      ['budget', `${formatAmount(budget, 18)} DAIMM for ${committeeSize} seat(s)`],
      ['snapshot', formatDate(opened.snapshotAt)],
      ['seed block', String(opened.seedBlock)],
    ]
    if (opened.approval) rows.push(['approval', opened.approval.hash])
    rows.push(['transaction', opened.hash])
    io.stdout.write(
      `Opened round ${opened.roundId}\n${formatRows(rows)}\nNext: the committee is drawn from block ${opened.seedBlock + 1n} on (\`daimm validate ${opened.roundId}\` draws it if needed), its members run \`daimm validate ${opened.roundId}\`, and anyone settles it with \`daimm finalize ${opened.roundId}\` after the reveal deadline.\n`,
    )
    return ExitCode.ok
  },
})
