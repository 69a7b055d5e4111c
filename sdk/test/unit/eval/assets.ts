import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** sdk/assets/eval: the bundled models and datasets (see the README there). */
export const assets = join(dirname(fileURLToPath(import.meta.url)), '../../../assets/eval')

type Expected = {
  exporter: string
  n: number
  correct: number
  accuracy: number
  macroF1: number
  predictions: number[]
}

/** What the exporting tools predicted on the bundled datasets (expected.json). */
export const expected = JSON.parse(readFileSync(join(assets, 'expected.json'), 'utf8')) as Record<
  'iris-mlp' | 'digits-cnn',
  Expected
>
