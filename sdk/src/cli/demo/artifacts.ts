import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Hex } from 'viem'
import { computeCid } from '../../cid/compute-cid.js'
import { fingerprint } from '../../cid/fingerprint.js'
import type { CID } from '../../cid/index.js'
import type { LocalStore } from '../../storage/local-store.js'
import { DevnetError } from '../errors.js'

/** A file of the story: its bytes, CID and fingerprint, kept in the demo's local store. */
export type Artifact = { name: string; bytes: Uint8Array; cid: CID; fingerprint: Hex }

/** Everything published in the story, content-addressed. */
export type DemoArtifacts = {
  model: Artifact
  modelCard: Artifact
  child: Artifact
  childCard: Artifact
  /** The benchmark: the held-out Iris test set the validators score on. */
  benchmark: Artifact
  licenseTerms: Artifact
}

const MODEL = 'sdk/assets/eval/iris-mlp.onnx'
const BENCHMARK = 'sdk/assets/eval/iris-test.csv'

/**
 * Reads the bundled Iris model and test set, makes the fine-tuned child, the model cards and the
 * license terms, and puts them all in `store`: the CIDs it returns are the ones registered, and
 * validators read the model and benchmark back by CID, verified.
 */
export async function prepareArtifacts(root: string, store: LocalStore): Promise<DemoArtifacts> {
  const artifact = async (name: string, bytes: Uint8Array): Promise<Artifact> => {
    const [{ cid }, id] = await Promise.all([computeCid(bytes), fingerprint(bytes)])
    const stored = await store.put(bytes)
    if (!stored.cid.equals(cid))
      throw new DevnetError(`The store gave ${name} the CID ${stored.cid}, not ${cid}.`)
    return { name, bytes, cid, fingerprint: id }
  }
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`)

  const model = await artifact('iris-mlp.onnx', await readBundled(root, MODEL))
  const benchmark = await artifact('iris-test.csv', await readBundled(root, BENCHMARK))
  const modelCard = await artifact(
    'iris-mlp.card.json',
    json({
      name: 'iris-mlp',
      description: 'StandardScaler + MLP (16 hidden units) classifying Iris flowers into 3 species',
      artifact: model.cid.toString(),
      inputs: { features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] },
      outputs: { label: '0 setosa, 1 versicolor, 2 virginica', probabilities: '[N, 3]' },
      license: 'DAIMM marketplace licenses',
    }),
  )
  const child = await artifact(
    'iris-mlp-ft.onnx',
    withMetadata(model.bytes, { 'daimm.parent': model.fingerprint, 'daimm.relation': 'fine-tune' }),
  )
  const childCard = await artifact(
    'iris-mlp-ft.card.json',
    json({
      name: 'iris-mlp-ft',
      description: 'iris-mlp, fine-tuned (demo stand-in: the same weights with lineage metadata)',
      artifact: child.cid.toString(),
      parent: model.fingerprint,
      relation: 'fine-tune',
    }),
  )
  const licenseTerms = await artifact(
    'license.txt',
    new TextEncoder().encode(
      'DAIMM demo license: perpetual, commercial use of iris-mlp-ft allowed; no redistribution.\n',
    ),
  )
  return { model, modelCard, child, childCard, benchmark, licenseTerms }
}

async function readBundled(root: string, path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(join(root, path)))
  } catch (error) {
    throw new DevnetError(
      `Cannot read the bundled ${path} in ${root}: ${(error as Error).message}. The demo runs from a checkout of the DAIMM repo.`,
    )
  }
}

/**
 * The ONNX model with `metadata_props` entries appended (ModelProto field 14, a repeated
 * StringStringEntryProto). Protobuf readers accept fields in any order, so the result is the same
 * graph and weights in a file of its own, with its own fingerprint: the demo's stand-in for a
 * fine-tuned child, whose weights a real fine-tune would change.
 */
export function withMetadata(onnx: Uint8Array, entries: Record<string, string>): Uint8Array {
  const parts: Uint8Array[] = [onnx]
  for (const [key, value] of Object.entries(entries)) {
    const entry = concat([field(1, utf8(key)), field(2, utf8(value))])
    parts.push(field(14, entry))
  }
  return concat(parts)
}

const utf8 = (text: string) => new TextEncoder().encode(text)

/** A length-delimited protobuf field: tag, length, bytes. */
function field(number: number, bytes: Uint8Array): Uint8Array {
  return concat([varint((number << 3) | 2), varint(bytes.length), bytes])
}

function varint(value: number): Uint8Array {
  const out: number[] = []
  let rest = value
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80)
    rest >>>= 7
  }
  out.push(rest)
  return Uint8Array.from(out)
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
