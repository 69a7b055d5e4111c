/**
 * Writes tiny ONNX models for tests, straight into protobuf: a graph of a few standard operators
 * with float32 weights, each input and output a tensor of a given element type and shape.
 */

/** ONNX TensorProto.DataType codes used here. */
export const elemType = { float32: 1, int64: 7, float64: 11, string: 8 } as const

export type ValueSpec = {
  name: string
  type: keyof typeof elemType
  /** A number is a fixed dimension, a string a symbolic one. */
  shape: readonly (number | string)[]
}

export type NodeSpec = {
  op: string
  inputs: readonly string[]
  outputs: readonly string[]
  /** Integer attributes, e.g. `{ axis: 1, keepdims: 0 }`. */
  ints?: Record<string, number>
}

export type WeightSpec = { name: string; dims: readonly number[]; values: readonly number[] }

/** A serialised ONNX ModelProto (IR version 8, default opset 17). */
export function onnxModel({
  inputs,
  outputs,
  nodes,
  weights = [],
}: {
  inputs: readonly ValueSpec[]
  outputs: readonly ValueSpec[]
  nodes: readonly NodeSpec[]
  weights?: readonly WeightSpec[]
}): Uint8Array {
  const graph = [
    ...nodes.map((node, i) => field(1, nodeProto(node, i))),
    field(2, text('test')),
    ...weights.map((weight) => field(5, tensorProto(weight))),
    ...inputs.map((input) => field(11, valueInfo(input))),
    ...outputs.map((output) => field(12, valueInfo(output))),
  ]
  return concat([
    varintField(1, 8),
    field(2, text('daimm-test')),
    field(7, concat(graph)),
    field(8, concat([field(1, text('')), varintField(2, 17)])),
  ])
}

function nodeProto({ op, inputs, outputs, ints = {} }: NodeSpec, index: number): Uint8Array {
  return concat([
    ...inputs.map((name) => field(1, text(name))),
    ...outputs.map((name) => field(2, text(name))),
    field(3, text(`${op}_${index}`)),
    field(4, text(op)),
    // AttributeProto: name (1), i (3), type (20) = INT (2).
    ...Object.entries(ints).map(([name, value]) =>
      field(5, concat([field(1, text(name)), varintField(3, value), varintField(20, 2)])),
    ),
  ])
}

function tensorProto({ name, dims, values }: WeightSpec): Uint8Array {
  const raw = new Uint8Array(new Float32Array(values).buffer)
  return concat([
    ...dims.map((dim) => varintField(1, dim)),
    varintField(2, elemType.float32),
    field(8, text(name)),
    field(9, raw),
  ])
}

function valueInfo({ name, type, shape }: ValueSpec): Uint8Array {
  const dims = shape.map((dim) =>
    field(1, typeof dim === 'number' ? varintField(1, dim) : field(2, text(dim))),
  )
  const tensorType = concat([varintField(1, elemType[type]), field(2, concat(dims))])
  return concat([field(1, text(name)), field(2, field(1, tensorType))])
}

function field(number: number, bytes: Uint8Array): Uint8Array {
  return concat([varint((number << 3) | 2), varint(bytes.byteLength), bytes])
}

function varintField(number: number, value: number): Uint8Array {
  return concat([varint(number << 3), varint(value)])
}

function varint(value: number): Uint8Array {
  const bytes: number[] = []
  let rest = value
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  bytes.push(rest)
  return new Uint8Array(bytes)
}

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value)
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}
