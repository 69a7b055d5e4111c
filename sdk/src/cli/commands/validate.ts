import { join } from 'node:path'
import { type Address, type Hash, type Hex, hexToString, zeroHash } from 'viem'
import { cidFromBytes } from '../../actions/registry/types.js'
import { randomSalt } from '../../actions/salt.js'
import { scoreCommitment } from '../../actions/scoring/commitScore.js'
import type { Ballot, Round } from '../../actions/scoring/types.js'
import { type EvaluationMetric, evaluationMetrics } from '../../eval/evaluation-digest.js'
import { scoringManagerAbi } from '../../generated/contracts.js'
import {
  type ChainIo,
  chainHelp,
  connectChain,
  type SignerConnection,
  signerHelp,
  signerOptions,
} from '../chain.js'
import {
  CliFailure,
  chainCommand,
  existingModel,
  formatDate,
  formatRows,
  note,
  onePositional,
  outputHelp,
  parseId,
  shortHex,
  writeJson,
} from '../chain-command.js'
import { type CliIo, CliUsageError, ExitCode } from '../command.js'
import { contentHelp, contentReaderOf } from '../content.js'
import { scanEvents } from '../logs.js'
import { SampleProgressBar } from '../progress.js'
import { readState, stateDirOf, stateHelp, writeState } from '../state-dir.js'
import { parseBatch, parseShape } from './eval.js'

const usage = 'daimm validate <roundId> (--store <dir> | --gateway <url>) [options]'

const help = `Usage: ${usage}

Takes your seat in a scoring round from start to end: reads the round, checks that you sit on
its committee, downloads the model and the benchmark dataset by CID (verified), evaluates the
model as \`daimm eval\` does, commits the 1–100 score and the evaluation digest with a random
salt, waits for the reveal window, and reveals. The round records the digest that more than half of
the in-band stake revealed, which buyers compare with their own evaluation. The score, digest and
salt are saved in the state directory before the commit is sent: stop at any point (or use
--no-wait) and run the same command again to carry on — it reveals from the saved salt without
evaluating again.

With --abstain it evaluates nothing and commits an abstention (score 0, no digest): say so when
the model or dataset is unavailable or does not match its CID. An abstention is neither paid nor
slashed; a member that commits nothing is slashed for not revealing.

Arguments:
  <roundId>              the scoring round

Options:
${contentHelp}
  --input-shape <dims>   shape of one sample, e.g. 4 or 1,8,8 (default: what the model declares)
  --output <name>        the model output with scores [N, C] or labels [N] (default: the first)
  --batch <n>            samples per inference call (default 256)
  --label-column <name>  the dataset column with the class (default label, else the last one)
  --no-wait              commit and stop: print when the reveal window opens (for a devnet whose
                           clock only moves with its blocks, or to come back later)
  --poll <seconds>       how often to look for a new block while waiting (default 4; 1 on a
                           local devnet)
  --draw                 draw the round's committee first if nobody has yet (anyone may)
  --abstain              commit that you could not evaluate (artifact or dataset unavailable or
                           not matching its CID): score 0, no digest; not paid, not slashed
${stateHelp}
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm validate 7 --gateway http://127.0.0.1:8080
  daimm validate 7 --store ~/.daimm/store --input-shape 1,8,8 --no-wait
  daimm validate 7 --store ~/.daimm/store     # later: reveals from the saved salt
  daimm validate 7 --gateway http://127.0.0.1:8080 --abstain   # the artifact cannot be fetched
`

/** What the state directory keeps of a ballot, written before the commit is sent. */
type SavedBallot = {
  chainId: number
  scoring: Address
  roundId: string
  validator: Address
  /** 0 for an abstention. */
  score: number
  salt: Hex
  commitment: Hex
  /** The evaluation digest committed with the score; zero for an abstention. */
  digest: Hex
  /** Absent for an abstention (nothing was evaluated). */
  metric?: EvaluationMetric | undefined
  modelId: Hex
  datasetCid?: string | undefined
  commitTransaction?: Hash | undefined
  revealTransaction?: Hash | undefined
}

type Flags = {
  store?: string | undefined
  gateway?: string | undefined
  'input-shape'?: string | undefined
  output?: string | undefined
  batch?: string | undefined
  'label-column'?: string | undefined
  abstain?: boolean | undefined
  json?: boolean | undefined
}

export const validateCommand = chainCommand({
  name: 'validate',
  summary: 'Score a round you sit on: download, evaluate, commit, reveal',
  help,
  options: {
    ...signerOptions,
    store: { type: 'string' },
    gateway: { type: 'string' },
    'input-shape': { type: 'string' },
    output: { type: 'string' },
    batch: { type: 'string' },
    'label-column': { type: 'string' },
    'no-wait': { type: 'boolean' },
    poll: { type: 'string' },
    draw: { type: 'boolean' },
    abstain: { type: 'boolean' },
    state: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const roundId = parseId(
      'The round id',
      onePositional('validate', positionals, 'a round id', usage),
      'daimm validate 7',
    )
    // Checked up front, so that a typo fails before any transaction.
    if (values['input-shape'] !== undefined) parseShape(values['input-shape'])
    if (values.batch !== undefined) parseBatch(values.batch)
    const pollSeconds = values.poll === undefined ? undefined : parsePoll(values.poll)
    // Where content comes from, checked before the key is loaded (the reader is made later).
    contentReaderOf(values, io, 'validate')

    const connection = await connectChain(values, io, { command: 'validate', signer: true })
    const { daimm, account, chainId, deployment } = connection
    const pollMs = (pollSeconds ?? (chainId === 31337 || chainId === 1337 ? 1 : 4)) * 1000
    const me = account.address
    let round = await daimm.scoring.getRound({ roundId })
    if (!round) throw new CliFailure(`No scoring round has id ${roundId}.`)
    if (round.status === 'open')
      round = await draw(connection, round, values.draw === true, io, values.json)
    const ballot = await daimm.scoring.getBallot({ roundId, validator: me })
    if (!ballot)
      throw new CliFailure(`${me} holds no seat in round ${roundId}.`, {
        metaMessages: [
          `Its committee has ${round.seats} seat${round.seats === 1 ? '' : 's'}, drawn by stake among validators; stake with \`daimm stake <amount> --validator\` to be drawn in later rounds.`,
        ],
      })

    const statePath = join(
      stateDirOf(values.state, (io as ChainIo).env ?? process.env),
      String(chainId),
      `scoring-${deployment.contracts.scoring.toLowerCase()}`,
      `round-${roundId}-${me.toLowerCase()}.json`,
    )
    const saved = await readState<SavedBallot>(statePath)
    const result = { roundId, validator: me, seat: ballot.seat, stateFile: statePath }

    if (ballot.state === 'revealed' || ballot.state === 'claimed' || ballot.state === 'abstained')
      return report(io, values.json, {
        ...result,
        status: 'revealed',
        round,
        saved,
        score: ballot.score,
        alreadyDone: true,
      })
    if (ballot.state === 'reported')
      throw new CliFailure(
        `${me} was reported in round ${roundId} (it did not reveal, or revealed outside the band).`,
      )
    if (round.status !== 'drawn')
      throw new CliFailure(
        `Round ${roundId} is ${round.status}: it is too late to ${ballot.state === 'committed' ? 'reveal' : 'commit'}.`,
      )
    const commitDeadline = round.commitDeadline as bigint
    const revealDeadline = round.revealDeadline as bigint
    let chainNow = await chainTime(connection)

    let pending = matchingCommitment(saved, ballot, roundId, me)
    if (!pending) {
      if (chainNow > seconds(commitDeadline))
        throw new CliFailure(
          ballot.state === 'committed'
            ? `Round ${roundId} has your commitment, but its score and salt are not in ${statePath}, and the commit window closed at ${formatDate(commitDeadline)}: it can neither be revealed nor replaced.`
            : `The commit window of round ${roundId} closed at ${formatDate(commitDeadline)}: too late to commit.`,
        )
      pending = await commitScore(connection, round, values, statePath, saved, io)
      chainNow = await chainTime(connection)
    }

    if (chainNow <= seconds(commitDeadline)) {
      if (values['no-wait']) {
        note(
          io,
          values.json,
          `Committed. Run \`daimm validate ${roundId}\` again between ${formatDate(commitDeadline + 1n)} and ${formatDate(revealDeadline)} (chain time) to reveal.`,
        )
        return report(io, values.json, { ...result, status: 'committed', round, saved: pending })
      }
      note(
        io,
        values.json,
        `Committed score ${pending.score} in round ${roundId}; waiting for the reveal window after ${formatDate(commitDeadline)} (chain time). Stopping is safe: \`daimm validate ${roundId}\` reveals from the saved salt.`,
      )
      chainNow = await waitForChainTime(connection, seconds(commitDeadline), pollMs)
    }
    if (chainNow > seconds(revealDeadline))
      throw new CliFailure(
        `The reveal window of round ${roundId} closed at ${formatDate(revealDeadline)}: too late to reveal.`,
      )
    const { hash } = await daimm.scoring.reveal({
      roundId,
      score: pending.score,
      digest: pending.digest,
      salt: pending.salt,
    })
    pending = { ...pending, revealTransaction: hash }
    await writeState(statePath, pending)
    return report(io, values.json, {
      ...result,
      status: 'revealed',
      round,
      saved: pending,
      score: pending.score,
    })
  },
})

/** Draws the committee of an opened round, with --draw; refuses otherwise. */
async function draw(
  connection: SignerConnection,
  round: Round,
  allowed: boolean,
  io: CliIo,
  json: boolean | undefined,
): Promise<Round> {
  if (!allowed)
    throw new CliFailure(`The committee of round ${round.id} is not drawn yet.`, {
      metaMessages: [
        'Run again with --draw to draw it (anyone may, from the block after the opening), or wait for someone to.',
      ],
    })
  note(io, json, `Drawing the committee of round ${round.id}…`)
  const { daimm } = connection
  const drawn = await daimm.scoring.drawCommittee({ roundId: round.id })
  if (drawn.status === 'failed')
    throw new CliFailure(
      `Round ${round.id} failed at its draw: too few eligible validators for its quorum (its budget went back to its funder).`,
    )
  if (drawn.status === 'open')
    throw new CliFailure(
      `Nobody drew round ${round.id} within 256 blocks, so its seed moved to the current block: run again from the next block.`,
    )
  const after = await daimm.scoring.getRound({ roundId: round.id })
  if (!after) throw new CliFailure(`No scoring round has id ${round.id}.`)
  return after
}

/** The saved ballot, when it is the one on chain (or when nothing is committed yet). */
function matchingCommitment(
  saved: SavedBallot | undefined,
  ballot: Ballot,
  roundId: bigint,
  validator: Address,
): SavedBallot | undefined {
  if (!saved || saved.roundId !== String(roundId) || saved.validator !== validator) return undefined
  if (ballot.state !== 'committed' || !ballot.commitment) return undefined
  const commitment = scoreCommitment({
    roundId,
    validator,
    score: saved.score,
    digest: saved.digest,
    salt: saved.salt,
  })
  // The contract keeps the first 29 bytes of the commitment.
  return commitment.slice(0, ballot.commitment.length).toLowerCase() ===
    ballot.commitment.toLowerCase()
    ? saved
    : undefined
}

/**
 * Evaluates the round's model on its benchmark (or takes the score saved by a run that stopped
 * before its commit was mined), saves score and salt, then commits.
 */
async function commitScore(
  connection: SignerConnection,
  round: Round,
  flags: Flags,
  statePath: string,
  saved: SavedBallot | undefined,
  io: CliIo,
): Promise<SavedBallot> {
  const { daimm, account, chainId, deployment } = connection
  const abstain = flags.abstain === true
  // A saved ballot is reused only for the same choice: evaluating after all, or abstaining after all, starts anew.
  const reuse =
    saved &&
    saved.roundId === String(round.id) &&
    saved.validator === account.address &&
    (saved.score === 0) === abstain
      ? saved
      : undefined
  const evaluation =
    reuse ??
    (abstain
      ? { score: 0, digest: zeroHash, modelId: round.subjectId }
      : await evaluateRound(connection, round, flags, io))
  if (abstain && !reuse)
    note(
      io,
      flags.json,
      `Abstaining in round ${round.id}: committing score 0 (could not evaluate), without a digest.`,
    )
  const salt = reuse?.salt ?? randomSalt()
  const ballot: SavedBallot = {
    chainId,
    scoring: deployment.contracts.scoring,
    roundId: String(round.id),
    validator: account.address,
    score: evaluation.score,
    salt,
    commitment: scoreCommitment({
      roundId: round.id,
      validator: account.address,
      score: evaluation.score,
      digest: evaluation.digest,
      salt,
    }),
    digest: evaluation.digest,
    metric: evaluation.metric,
    modelId: evaluation.modelId,
    datasetCid: evaluation.datasetCid,
  }
  // Saved before sending: a commitment whose salt is lost can never be revealed, and is slashed.
  await writeState(statePath, ballot)
  const { hash } = await daimm.scoring.commit({
    roundId: round.id,
    score: ballot.score,
    digest: ballot.digest,
    salt,
  })
  const committed = { ...ballot, commitTransaction: hash }
  await writeState(statePath, committed)
  return committed
}

async function evaluateRound(
  { daimm, publicClient, deployment }: SignerConnection,
  round: Round,
  flags: Flags,
  io: CliIo,
): Promise<Pick<SavedBallot, 'score' | 'digest' | 'metric' | 'modelId' | 'datasetCid'>> {
  if (round.subjectKind !== 'model')
    throw new CliFailure(
      `Round ${round.id} scores a ${round.subjectKind}; daimm validate evaluates models only.`,
    )
  const [opened] = await scanEvents(publicClient, {
    address: deployment.contracts.scoring,
    abi: scoringManagerAbi,
    eventName: 'RoundOpened',
    args: { roundId: round.id },
    fromBlock: BigInt(deployment.startBlock),
  })
  if (!opened)
    throw new CliFailure(
      `The RoundOpened event of round ${round.id} is not in the node's logs from block ${deployment.startBlock}: the node may have pruned them.`,
    )
  const datasetCid = cidFromBytes(opened.args.datasetCid as Hex)
  const metricName = hexToString(opened.args.metricId as Hex, { size: 32 }).replace(/\0+$/, '')
  if (!(evaluationMetrics as readonly string[]).includes(metricName))
    throw new CliFailure(
      `Round ${round.id} scores by the metric ${JSON.stringify(metricName)}; daimm validate computes ${evaluationMetrics.join(' and ')}.`,
    )
  const metric = metricName as EvaluationMetric
  const model = await existingModel(daimm, round.subjectId)
  const reader = contentReaderOf(flags, io, 'validate')
  const modelBytes = await reader.get(model.artifactCid)

  // Loaded here, not at start-up: other commands do not need onnxruntime-web.
  const [{ evaluateModel, loadDataset, loadModel }, { useInstalledRuntime }] = await Promise.all([
    import('../../eval/index.js'),
    import('../../eval/node.js'),
  ])
  useInstalledRuntime()
  const onnx = await loadModel(modelBytes, { name: `model ${shortHex(model.id)}` })
  try {
    if (onnx.fingerprint !== round.subjectId)
      throw new CliFailure(
        `The artifact ${model.artifactCid} of model ${model.id} hashes to ${onnx.fingerprint}, not to the model's id: the registration points at other bytes.`,
      )
    const dataset = await loadDataset(
      { cid: datasetCid, reader },
      {
        inputShape:
          flags['input-shape'] === undefined ? undefined : parseShape(flags['input-shape']),
        labelColumn: flags['label-column'],
        name: `dataset ${datasetCid}`,
      },
    )
    const bar = new SampleProgressBar(io.stderr, {
      label: `evaluating ${shortHex(model.id)}`,
      total: dataset.n,
    })
    try {
      const result = await evaluateModel({
        model: onnx,
        dataset,
        output: flags.output,
        batchSize: flags.batch === undefined ? undefined : parseBatch(flags.batch),
        metric,
        onProgress: bar.enabled ? (done) => bar.update(done) : undefined,
      })
      note(
        io,
        flags.json,
        `Evaluated ${shortHex(model.id)} on ${result.n} samples: ${metric} ${result.metric === 'accuracy' ? `${(result.accuracy * 100).toFixed(2)}%` : result.macroF1.toFixed(4)}, score ${result.score}, digest ${result.digest}.`,
      )
      return { score: result.score, digest: result.digest, metric, modelId: model.id, datasetCid }
    } finally {
      bar.done()
    }
  } finally {
    await onnx.release()
  }
}

/** The latest block's timestamp, in seconds. */
async function chainTime({ publicClient }: SignerConnection): Promise<number> {
  return Number((await publicClient.getBlock({ blockTag: 'latest' })).timestamp)
}

/** Polls blocks until one is stamped after `deadline` (seconds); returns its timestamp. */
async function waitForChainTime(
  connection: SignerConnection,
  deadline: number,
  pollMs: number,
): Promise<number> {
  for (;;) {
    const now = await chainTime(connection)
    if (now > deadline) return now
    await new Promise((done) => setTimeout(done, pollMs))
  }
}

function seconds(at: bigint): number {
  return Number(at)
}

function report(
  io: CliIo,
  json: boolean | undefined,
  {
    roundId,
    validator,
    seat,
    stateFile,
    status,
    round,
    saved,
    score,
    alreadyDone,
  }: {
    roundId: bigint
    validator: Address
    seat: number
    stateFile: string
    status: 'committed' | 'revealed'
    round: Round
    saved: SavedBallot | undefined
    score?: number | null | undefined
    alreadyDone?: boolean | undefined
  },
): number {
  const revealOpensAfter = round.commitDeadline
  if (json) {
    writeJson(io, {
      roundId,
      validator,
      seat,
      status,
      score: score ?? saved?.score ?? null,
      digest: saved?.digest ?? null,
      abstained: (score ?? saved?.score) === 0,
      metric: saved?.metric ?? null,
      modelId: round.subjectId,
      datasetCid: saved?.datasetCid ?? null,
      commitTransaction: saved?.commitTransaction ?? null,
      revealTransaction: saved?.revealTransaction ?? null,
      revealOpensAfter,
      revealDeadline: round.revealDeadline,
      stateFile,
    })
    return ExitCode.ok
  }
  const rows: [string, string][] = [
    ['validator', `${validator} (seat ${seat})`],
    ['model', round.subjectId],
  ]
  const abstained = (score ?? saved?.score) === 0
  if (saved && !abstained) {
    rows.push(['dataset', `${saved.datasetCid} (${saved.metric})`])
    rows.push(['digest', saved.digest])
  }
  rows.push(['score', abstained ? '0 (abstained)' : String(score ?? saved?.score ?? '—')])
  if (saved?.commitTransaction) rows.push(['commit', saved.commitTransaction])
  if (saved?.revealTransaction) rows.push(['reveal', saved.revealTransaction])
  if (status === 'committed' && revealOpensAfter && round.revealDeadline)
    rows.push([
      'reveal',
      `after ${formatDate(revealOpensAfter)}, until ${formatDate(round.revealDeadline)}`,
    ])
  if (status === 'revealed' && round.revealDeadline)
    rows.push([
      'next',
      `anyone may finalize after ${formatDate(round.revealDeadline)}; then \`daimm claim --round ${roundId}\``,
    ])
  rows.push(['state', stateFile])
  const title =
    status === 'committed'
      ? `Committed a score in round ${roundId}`
      : alreadyDone
        ? `Round ${roundId}: your score is revealed already`
        : `Revealed your score in round ${roundId}`
  io.stdout.write(`${title}\n${formatRows(rows)}\n`)
  return ExitCode.ok
}

function parsePoll(text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || Number(text) <= 0)
    throw new CliUsageError(
      `--poll takes a number of seconds above 0, not ${JSON.stringify(text)}.`,
      {
        fix: 'For example: --poll 2',
      },
    )
  return Number(text)
}
