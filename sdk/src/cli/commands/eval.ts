import type { EvaluateModelReturnType, EvaluationMetric } from '../../eval/index.js'
import { stackTrace } from '../chain-command.js'
import { type CliIo, CliUsageError, type Command, ExitCode } from '../command.js'
import { formatTable } from '../format.js'
import { parseFlags, parseWholeNumber } from '../parse-flags.js'
import { SampleProgressBar } from '../progress.js'

const metrics: readonly EvaluationMetric[] = ['accuracy', 'macro-f1']

/** Up to this many classes, the human output lists per-class figures and the confusion matrix. */
const TABLES_UP_TO_CLASSES = 20

const help = `Usage: daimm eval <model.onnx> --data <file> [options]

Evaluates an ONNX classifier on a labelled dataset with onnxruntime-web (WebAssembly, one
thread), as a validator does in a scoring round: accuracy, macro-F1, per-class precision and
recall, the confusion matrix, latency, the 1–100 score and the evaluation digest, which other
validators reproduce bit for bit from the same model, dataset and runtime (see docs/eval.md).

The dataset is CSV with a header row, or JSON (an array of objects with the same fields):
features in row-major order, and the class (an integer from 0) in the column named label, else
the last column.

Options:
  --data <file>          the dataset, .csv or .json (required)
  --input-shape <dims>   shape of one sample, e.g. 4 or 1,8,8 (default: what the model declares,
                           else the number of features)
  --output <name>        the output with scores [N, C] or labels [N] (default: the first output)
  --batch <n>            samples per inference call (default 256)
  --metric <name>        ${metrics.join(' or ')}: what the score and digest are of (default accuracy)
  --label-column <name>  the column with the class (default label, else the last column)
  --json                 print {"accuracy", "macroF1", "n", "confusion", "perClass", "latencyMs",
                           "digest", "score"} on one line
  --debug                on failure, print the stack trace too
  -h, --help             show this help

Examples:
  daimm eval sdk/assets/eval/iris-mlp.onnx --data sdk/assets/eval/iris-test.csv
  daimm eval sdk/assets/eval/digits-cnn.onnx --data sdk/assets/eval/digits-test.csv --input-shape 1,8,8 --json
  daimm eval model.onnx --data test.json --output probabilities --metric macro-f1
`

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Evaluate an ONNX classifier on a dataset: metrics, score and digest',
  help,
  async run(args, io) {
    try {
      return await evaluate(args, io)
    } catch (error) {
      if (args.includes('--debug')) io.stderr.write(`${stackTrace(error)}\n`)
      throw error
    }
  },
}

async function evaluate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags('eval', args, {
    data: { type: 'string' },
    'input-shape': { type: 'string' },
    output: { type: 'string' },
    batch: { type: 'string' },
    metric: { type: 'string' },
    'label-column': { type: 'string' },
    json: { type: 'boolean' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    io.stdout.write(help)
    return ExitCode.ok
  }
  const modelPath = onePositional(positionals)
  if (values.data === undefined)
    throw new CliUsageError('daimm eval needs a dataset: --data <file>.', {
      fix: 'For example: daimm eval model.onnx --data test.csv',
    })
  const metric = values.metric ?? 'accuracy'
  if (!metrics.includes(metric as EvaluationMetric))
    throw new CliUsageError(`Unknown metric ${JSON.stringify(metric)}.`, {
      fix: `Use --metric ${metrics.join(' or --metric ')}.`,
    })
  const inputShape =
    values['input-shape'] === undefined ? undefined : parseShape(values['input-shape'])
  const batchSize = values.batch === undefined ? undefined : parseBatch(values.batch)

  // Loaded here, not at start-up: other commands do not need onnxruntime-web.
  const [{ evaluateModel }, { loadDatasetFile, loadModelFile }] = await Promise.all([
    import('../../eval/index.js'),
    import('../../eval/node.js'),
  ])
  const dataset = await loadDatasetFile(values.data, {
    inputShape,
    labelColumn: values['label-column'],
  })
  const model = await loadModelFile(modelPath)
  const bar = new SampleProgressBar(io.stderr, {
    label: `evaluating ${model.name}`,
    total: dataset.n,
  })
  let result: EvaluateModelReturnType
  try {
    result = await evaluateModel({
      model,
      dataset,
      output: values.output,
      batchSize,
      metric: metric as EvaluationMetric,
      onProgress: bar.enabled ? (done) => bar.update(done) : undefined,
    })
  } finally {
    bar.done()
    await model.release()
  }

  if (values.json) {
    const { accuracy, macroF1, n, confusion, perClass, latencyMs, digest, score } = result
    io.stdout.write(
      `${JSON.stringify({ accuracy, macroF1, n, confusion, perClass, latencyMs, digest, score })}\n`,
    )
    return ExitCode.ok
  }
  io.stdout.write(summary(result, model.name, dataset.name))
  return ExitCode.ok
}

function onePositional(positionals: readonly string[]): string {
  const [path, ...extra] = positionals
  if (path === undefined)
    throw new CliUsageError('daimm eval needs a model file.', {
      fix: 'Usage: daimm eval <model.onnx> --data <file> [options]',
    })
  if (extra.length > 0)
    throw new CliUsageError(
      `daimm eval takes one model, but got ${positionals.length}: ${positionals.join(' ')}.`,
      { fix: 'Give the dataset with --data <file>, and evaluate models one at a time.' },
    )
  return path
}

/** `4`, `1,8,8` or `[1, 8, 8]`: whole dimensions of at least 1 (`--input-shape`). */
export function parseShape(text: string): number[] {
  const parts = text.replace(/^\s*\[|\]\s*$/g, '').split(',')
  if (parts.some((part) => !/^\s*[1-9]\d*\s*$/.test(part)))
    throw new CliUsageError(
      `--input-shape takes whole dimensions of at least 1 separated by commas, not ${JSON.stringify(text)}.`,
      { fix: 'For example: --input-shape 4, or --input-shape 1,8,8 for one 8×8 channel.' },
    )
  return parts.map(Number)
}

/** `--batch`: samples per inference call, at least 1. */
export function parseBatch(text: string): number {
  const batch = parseWholeNumber('--batch', text, '256')
  if (batch === 0)
    throw new CliUsageError('--batch takes a whole number of at least 1, not 0.', {
      fix: 'For example: --batch 256',
    })
  return batch
}

function summary(result: EvaluateModelReturnType, modelName: string, datasetName: string): string {
  const percent = (value: number) => `${(value * 100).toFixed(2)}%`
  const rows = [
    ['accuracy', `${percent(result.accuracy)} (${result.correct} of ${result.n})`],
    ['macro-F1', result.macroF1.toFixed(4)],
    ['score', `${result.score} (${result.metric}, 1–100)`],
    [
      'latency',
      `${formatMs(result.latencyMs.total)} total, ${formatMs(result.latencyMs.perSample)} per sample (batches of ${result.batchSize})`,
    ],
    [
      'output',
      `${result.output.name} (${result.output.kind === 'scores' ? 'scores, argmax' : 'class labels'})`,
    ],
    ['input', `${result.input.name}, samples of shape [${result.input.sampleShape.join(', ')}]`],
    ['model', `${result.modelFingerprint} (fingerprint)`],
    ['dataset', `${result.datasetCid} (CID)`],
    ['runtime', result.runtime],
    ['digest', result.digest],
  ]
  const lines = [
    `${modelName} on ${datasetName}: ${result.n.toLocaleString('en-US')} samples`,
    ...rows.map(([name, value]) => `  ${name?.padEnd(10)} ${value}`),
    '',
  ]
  const classes = result.perClass.length
  if (classes > TABLES_UP_TO_CLASSES) {
    lines.push(
      `  ${classes} classes: per-class figures and the confusion matrix are in --json.`,
      '',
    )
    return lines.join('\n')
  }
  lines.push(
    formatTable(
      ['class', 'precision', 'recall', 'F1', 'support'],
      result.perClass.map((c) => [
        String(c.class),
        c.precision.toFixed(4),
        c.recall.toFixed(4),
        c.f1.toFixed(4),
        String(c.support),
      ]),
    ),
    '',
    '  confusion matrix (rows: true class, columns: predicted class)',
    formatTable(
      ['', ...result.perClass.map((c) => String(c.class))],
      result.confusion.map((row, k) => [String(k), ...row.map(String)]),
    ),
    '',
  )
  return lines.join('\n')
}

/** Milliseconds with three significant digits, e.g. `0.00557 ms`, `15.9 ms`, `1234 ms`. */
function formatMs(ms: number): string {
  return `${ms >= 1000 ? ms.toFixed(0) : ms.toPrecision(3)} ms`
}
