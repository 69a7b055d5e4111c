import { DaimmError, type DaimmErrorParameters } from '../errors.js'

/**
 * Base class of the errors evaluation throws: a dataset that cannot be read, a model that does not
 * fit it, or a model onnxruntime-web cannot load or run. `instanceof EvaluationError` catches them
 * all; each subclass says what was wrong and how to fix it.
 */
export class EvaluationError extends DaimmError {
  override name = 'EvaluationError'

  /** `fix`, when given, says how to fix it: the line after the short message. */
  constructor(shortMessage: string, { fix, ...parameters }: EvaluationErrorParameters = {}) {
    super(shortMessage, { ...parameters, metaMessages: fix ? [fix] : parameters.metaMessages })
  }
}

export type EvaluationErrorParameters = DaimmErrorParameters & { fix?: string | undefined }

/**
 * A dataset cannot be evaluated on: empty, a cell that is not a number, a label that is not a class,
 * rows of different lengths. `line` is the line of the file (CSV, counting the header as line 1) or
 * `row` the sample (JSON, from 1), where known.
 */
export class InvalidDatasetError extends EvaluationError {
  override name = 'InvalidDatasetError'
  /** The file's line at fault (CSV). */
  readonly line: number | undefined
  /** The sample at fault, from 1 (JSON). */
  readonly row: number | undefined
  /** The column or field at fault. */
  readonly column: string | undefined

  constructor(
    shortMessage: string,
    {
      line,
      row,
      column,
      ...parameters
    }: EvaluationErrorParameters & {
      line?: number | undefined
      row?: number | undefined
      column?: string | undefined
    } = {},
  ) {
    super(shortMessage, parameters)
    this.line = line
    this.row = row
    this.column = column
  }
}

/** The model's input does not fit the dataset: its count, shape or element type. */
export class ModelInputMismatchError extends EvaluationError {
  override name = 'ModelInputMismatchError'
}

/** An output name was asked for that the model does not have. */
export class UnknownModelOutputError extends EvaluationError {
  override name = 'UnknownModelOutputError'
  /** The name asked for. */
  readonly output: string
  /** The model's outputs. */
  readonly available: readonly string[]

  constructor({
    output,
    available,
    model = 'the model',
  }: {
    output: string
    available: readonly string[]
    /** What to call the model, e.g. its file name. */
    model?: string | undefined
  }) {
    super(`${sentenceCase(model)} has no output named ${JSON.stringify(output)}.`, {
      fix: `Its outputs: ${available.map((name) => JSON.stringify(name)).join(', ')}. Choose one of them (--output NAME on the command line).`,
    })
    this.output = output
    this.available = available
  }
}

/**
 * The chosen output is not one evaluation can read predictions from: it must be scores (logits or
 * probabilities, `[N, C]`) or integer class labels (`[N]`).
 */
export class UnsupportedModelOutputError extends EvaluationError {
  override name = 'UnsupportedModelOutputError'
}

/** The bytes are not an ONNX model onnxruntime-web can load, or it failed to run the model. */
export class InvalidModelError extends EvaluationError {
  override name = 'InvalidModelError'
}

/**
 * A name at the start of a sentence: `the dataset` → `The dataset`, `model bafy…` → `Model bafy…`;
 * a file name stays as it is.
 */
export function sentenceCase(name: string): string {
  return /^(the|model|dataset) /.test(name) ? name.charAt(0).toUpperCase() + name.slice(1) : name
}
