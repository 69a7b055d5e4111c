import { computeCid } from '../cid/compute-cid.js'
import type { ImportSettingsOptions } from '../cid/import-settings.js'
import type { CID } from '../cid/index.js'
import { parseCid } from '../cid/parse-cid.js'
import type { ContentReader, ReadContentOptions } from '../storage/types.js'
import { InvalidDatasetError, sentenceCase } from './errors.js'

/** Where a dataset comes from: its bytes or text, or its CID read through a storage adapter. */
export type DatasetSource =
  | Uint8Array
  | string
  | {
      cid: CID | string
      reader: ContentReader
      readOptions?: ReadContentOptions | undefined
    }

export type DatasetFormat = 'csv' | 'json'

export type LoadDatasetOptions = {
  /** `csv` or `json`. Default: JSON when the content starts with `[`, CSV otherwise. */
  format?: DatasetFormat | undefined
  /** The column holding the integer class. Default: `label` if there is one, else the last column. */
  labelColumn?: string | undefined
  /**
   * The shape of one sample, e.g. `[4]` or `[1, 8, 8]`, filled from the features in row-major order.
   * Default: the shape the model's input declares, else `[featureCount]`.
   */
  inputShape?: readonly number[] | undefined
  /**
   * Settings the dataset's CID is computed with (default `unixfs-v1-2025`). A dataset loaded by
   * CID keeps that CID.
   */
  cidOptions?: ImportSettingsOptions | undefined
  /** What to call the dataset in error messages, e.g. its file name. Default: `the dataset`. */
  name?: string | undefined
}

/** A labelled dataset in memory, ready for `evaluateModel`. */
export type Dataset = {
  /** What error messages call it. */
  name: string
  format: DatasetFormat
  /** The dataset file's CID, as it enters the evaluation digest. */
  cid: CID
  /** Size of the dataset file in bytes. */
  size: number
  /** Number of samples. */
  n: number
  /** Feature columns, in the order they fill a sample. */
  columns: readonly string[]
  labelColumn: string
  /** The declared shape of one sample, if any. */
  inputShape: readonly number[] | undefined
  /** The features, row-major: sample `i` is `features.subarray(i * columns.length, (i + 1) * columns.length)`. */
  features: Float32Array
  /** The class of each sample: an integer from 0. */
  labels: Int32Array
  /** Where sample `i` is in the file, for error messages: `Line 7` (CSV) or `Row 7` (JSON). */
  locate(i: number): { line?: number; row?: number; text: string }
}

/**
 * Reads a labelled dataset: CSV with a header row, or JSON, an array of objects with the same
 * fields. Features are numbers (JSON values may be arrays of numbers, flattened in order), read as
 * float32; the class column (`label`, else the last one) holds integers from 0. Computes the
 * dataset's CID, which enters the evaluation digest. Throws `InvalidDatasetError` with the line or
 * row of anything that is not a number, and for an empty dataset.
 *
 * @example
 * const dataset = await loadDataset('sepal_length,sepal_width,label\n5.1,3.5,0\n', { inputShape: [2] })
 * dataset.n // 1
 */
export async function loadDataset(
  source: DatasetSource,
  options: LoadDatasetOptions = {},
): Promise<Dataset> {
  const fromCid = typeof source === 'object' && !(source instanceof Uint8Array)
  const bytes = fromCid
    ? await source.reader.get(source.cid, source.readOptions)
    : typeof source === 'string'
      ? new TextEncoder().encode(source)
      : source
  const name = options.name ?? (fromCid ? `dataset ${String(source.cid)}` : 'the dataset')
  if (bytes.includes(0))
    throw new InvalidDatasetError(`${sentenceCase(name)} is not a text file (CSV or JSON).`, {
      fix: 'A dataset is CSV or JSON text; binary content such as an .onnx model is not one.',
    })
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
  if (text.trim() === '')
    throw new InvalidDatasetError(`${sentenceCase(name)} is empty: it has no samples.`, {
      fix: 'Give a CSV file with a header row and one sample per line, or a JSON array of samples.',
    })
  const format = options.format ?? (/^\s*\[/.test(text) ? 'json' : 'csv')
  const table = format === 'json' ? parseJson(text, name, options) : parseCsv(text, name, options)
  if (table.n === 0)
    throw new InvalidDatasetError(
      `${sentenceCase(name)} is empty: ${format === 'csv' ? 'it has a header but no samples' : 'an array of no samples'}.`,
      {
        fix:
          format === 'csv'
            ? 'Add one sample per line below the header.'
            : 'Add one object per sample, e.g. [{"x0": 5.1, "x1": 3.5, "label": 0}].',
      },
    )
  if (table.columns.length === 0)
    throw new InvalidDatasetError(
      `${sentenceCase(name)} has no feature column, only its label column ${JSON.stringify(table.labelColumn)}.`,
      { fix: 'Each sample needs one or more features besides its label, e.g. `x0,x1,x2,label`.' },
    )
  const inputShape = options.inputShape
  if (inputShape) checkShape(inputShape, table.columns.length, name)
  const cid = fromCid ? parseCid(source.cid) : (await computeCid(bytes, options.cidOptions)).cid
  return { ...table, name, format, cid, size: bytes.byteLength, inputShape }
}

type Table = Pick<Dataset, 'n' | 'columns' | 'labelColumn' | 'features' | 'labels' | 'locate'>

/** A decimal number, as CSV writers print them: `5`, `-0.25`, `.5`, `1e-3`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function parseCsv(text: string, name: string, options: LoadDatasetOptions): Table {
  const lines = text.split(/\r?\n/)
  const header = splitCsvLine(lines[0] ?? '')
  const labelIndex = labelColumnIndex(header, options.labelColumn, name)
  const width = header.length
  const featureCount = width - 1
  const rows = lines.length
  const features = new Float32Array(rows * featureCount)
  const labels = new Int32Array(rows)
  const lineOf = new Int32Array(rows)
  let n = 0
  for (let index = 1; index < rows; index++) {
    const line = lines[index] ?? ''
    if (line.trim() === '') continue
    const cells = line.split(',')
    if (cells.length !== width)
      throw new InvalidDatasetError(
        `Line ${index + 1} of ${name} has ${cells.length} cells, but the header has ${width} columns.`,
        {
          line: index + 1,
          fix: 'Every sample has one cell per column, separated by commas (quoted cells are not supported).',
        },
      )
    let f = n * featureCount
    for (let c = 0; c < width; c++) {
      const cell = (cells[c] ?? '').trim()
      const column = header[c] ?? ''
      if (c === labelIndex) {
        labels[n] = readLabel(cell, column, name, { line: index + 1 })
        continue
      }
      if (!NUMBER.test(cell)) throw notANumber(cell, column, name, { line: index + 1 })
      features[f++] = Number(cell)
    }
    lineOf[n] = index + 1
    n++
  }
  return {
    n,
    columns: header.filter((_, c) => c !== labelIndex),
    labelColumn: header[labelIndex] ?? '',
    features: features.subarray(0, n * featureCount),
    labels: labels.subarray(0, n),
    locate: (i) => ({ line: lineOf[i] ?? 0, text: `Line ${lineOf[i]}` }),
  }
}

/** A header line's names, without surrounding quotes. */
function splitCsvLine(line: string): string[] {
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'))
}

function parseJson(text: string, name: string, options: LoadDatasetOptions): Table {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new InvalidDatasetError(`${sentenceCase(name)} is not valid JSON.`, {
      cause,
      fix: 'A JSON dataset is an array of objects with the same fields, e.g. [{"x0": 5.1, "x1": 3.5, "label": 0}].',
    })
  }
  if (!Array.isArray(value) || value.some((row) => !isRecord(row)))
    throw new InvalidDatasetError(`${sentenceCase(name)} is not a JSON array of objects.`, {
      fix: 'A JSON dataset is an array of objects with the same fields, e.g. [{"x0": 5.1, "x1": 3.5, "label": 0}].',
    })
  const rows = value as Record<string, unknown>[]
  const header = Object.keys(rows[0] ?? {})
  if (rows.length === 0) return emptyTable()
  const labelIndex = labelColumnIndex(header, options.labelColumn, name)
  const labelColumn = header[labelIndex] ?? ''
  const columns = header.filter((_, c) => c !== labelIndex)
  const firstWidth = columns.reduce((sum, column) => sum + flatten(rows[0]?.[column]).length, 0)
  const features = new Float32Array(rows.length * firstWidth)
  const labels = new Int32Array(rows.length)
  for (const [i, row] of rows.entries()) {
    const at = { row: i + 1 }
    const keys = Object.keys(row)
    const missing = header.find((key) => !(key in row))
    if (missing !== undefined || keys.length !== header.length)
      throw new InvalidDatasetError(
        `Row ${i + 1} of ${name} ${missing === undefined ? `has fields the first row does not have (${keys.filter((k) => !header.includes(k)).join(', ')})` : `has no field ${JSON.stringify(missing)}`}.`,
        { ...at, fix: 'Every sample has the same fields as the first.' },
      )
    labels[i] = readLabel(row[labelColumn], labelColumn, name, at)
    let f = i * firstWidth
    for (const column of columns) {
      for (const cell of flatten(row[column])) {
        if (typeof cell !== 'number' || !Number.isFinite(cell))
          throw notANumber(cell, column, name, at)
        if (f >= (i + 1) * firstWidth) throw raggedRow(i, firstWidth, name)
        features[f++] = cell
      }
    }
    if (f !== (i + 1) * firstWidth) throw raggedRow(i, firstWidth, name)
  }
  return {
    n: rows.length,
    columns:
      firstWidth === columns.length
        ? columns
        : columns.flatMap((column) =>
            flatten(rows[0]?.[column]).length === 1
              ? [column]
              : flatten(rows[0]?.[column]).map((_, k) => `${column}[${k}]`),
          ),
    labelColumn,
    features,
    labels,
    locate: (i) => ({ row: i + 1, text: `Row ${i + 1}` }),
  }
}

function emptyTable(): Table {
  return {
    n: 0,
    columns: [],
    labelColumn: '',
    features: new Float32Array(),
    labels: new Int32Array(),
    locate: (i) => ({ row: i + 1, text: `Row ${i + 1}` }),
  }
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flat(Number.POSITIVE_INFINITY) : [value]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function raggedRow(i: number, width: number, name: string): InvalidDatasetError {
  return new InvalidDatasetError(
    `Row ${i + 1} of ${name} does not have ${width} feature values, as the first row has.`,
    { row: i + 1, fix: 'Every sample has the same number of feature values.' },
  )
}

function labelColumnIndex(header: readonly string[], wanted: string | undefined, name: string) {
  if (wanted === undefined) {
    const index = header.indexOf('label')
    return index >= 0 ? index : header.length - 1
  }
  const index = header.indexOf(wanted)
  if (index < 0)
    throw new InvalidDatasetError(
      `${sentenceCase(name)} has no column ${JSON.stringify(wanted)} to read labels from.`,
      {
        column: wanted,
        fix: `Its columns: ${header.map((c) => JSON.stringify(c)).join(', ')}.`,
      },
    )
  return index
}

function readLabel(
  cell: unknown,
  column: string,
  name: string,
  at: { line?: number; row?: number },
): number {
  const value = typeof cell === 'string' && NUMBER.test(cell) ? Number(cell) : cell
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 31)
    return value
  throw new InvalidDatasetError(
    `${where(at)} of ${name}: label ${show(cell)} in column ${JSON.stringify(column)} is not a class (an integer from 0).`,
    {
      ...at,
      column,
      fix: 'Classes are numbered 0, 1, 2, …; map names to numbers first. If the class is in another column, name it (--label-column in the CLI).',
    },
  )
}

function notANumber(
  cell: unknown,
  column: string,
  name: string,
  at: { line?: number; row?: number },
): InvalidDatasetError {
  return new InvalidDatasetError(
    `${where(at)} of ${name}: ${show(cell)} in column ${JSON.stringify(column)} is not a number.`,
    {
      ...at,
      column,
      fix: 'Every feature is a decimal number (5.1, -0.25, 1e-3): fill in or drop missing values, and encode categories as numbers, before evaluating.',
    },
  )
}

function checkShape(shape: readonly number[], featureCount: number, name: string): void {
  const size = shape.reduce((product, dim) => product * dim, 1)
  if (shape.length === 0 || shape.some((dim) => !Number.isInteger(dim) || dim < 1))
    throw new InvalidDatasetError(
      `The input shape [${shape.join(', ')}] is not a shape: it needs one or more whole dimensions of at least 1.`,
      { fix: 'For example [4] for 4 features, or [1, 8, 8] for one 8×8 channel.' },
    )
  if (size !== featureCount)
    throw new InvalidDatasetError(
      `The input shape [${shape.join(', ')}] holds ${size} values, but each sample of ${name} has ${featureCount} features.`,
      {
        fix: `Declare a shape of ${featureCount} values (e.g. [${featureCount}]), or check the label column is the right one.`,
      },
    )
}

function where({ line, row }: { line?: number; row?: number }): string {
  return line !== undefined ? `Line ${line}` : `Row ${row}`
}

function show(cell: unknown): string {
  if (cell === undefined) return 'a missing value'
  if (typeof cell === 'string') return cell === '' ? 'an empty cell' : JSON.stringify(cell)
  return JSON.stringify(cell) ?? String(cell)
}
