import { type Abi, type AbiParameter, decodeAbiParameters, type Hex } from 'viem'
import { withHexModelIds } from './contractErrors.js'

// The protocol's error and event tables (generated/protocol.ts) as ABI items. Holds no table of its
// own: `@daimm/sdk/protocol` (protocol.ts) and the lazy path (protocolLazy.ts) pass the one copy.

type AbiError = Extract<Abi[number], { type: 'error' }>

/** Splits a parameter list at its top-level commas. */
function split(list: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < list.length; i++) {
    const c = list[i]
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i))
      start = i + 1
    }
  }
  if (list.length) parts.push(list.slice(start))
  return parts
}

/** `uint256`, `address indexed seller`, `(uint64,uint96)[] parameters`: one ABI parameter. */
function parameter(text: string): AbiParameter & { indexed?: boolean } {
  let type: string
  let rest: string
  let components: AbiParameter[] | undefined
  if (text.startsWith('(')) {
    let depth = 0
    let close = 0
    for (; close < text.length; close++) {
      if (text[close] === '(') depth++
      else if (text[close] === ')' && --depth === 0) break
    }
    components = split(text.slice(1, close)).map(parameter)
    const space = text.indexOf(' ', close)
    type = `tuple${text.slice(close + 1, space < 0 ? undefined : space)}`
    rest = space < 0 ? '' : text.slice(space + 1)
  } else {
    const space = text.indexOf(' ')
    type = space < 0 ? text : text.slice(0, space)
    rest = space < 0 ? '' : text.slice(space + 1)
  }
  const words = rest.split(' ').filter(Boolean)
  const indexed = words[0] === 'indexed'
  const name = indexed ? words[1] : words[0]
  return {
    type,
    ...(components && { components }),
    ...(name && { name }),
    ...(indexed && { indexed }),
  } as AbiParameter
}

/** `Name(type [indexed] name,…)` as an ABI item of `kind`. */
export function item<kind extends 'error' | 'event'>(kind: kind, signature: string) {
  const open = signature.indexOf('(')
  return {
    type: kind,
    name: signature.slice(0, open),
    inputs: split(signature.slice(open + 1, -1)).map(parameter),
    ...(kind === 'event' && { anonymous: false }),
  }
}

/** The ABI of the error with `selector` (`0x` + 8 hex digits) in `signatures`; undefined if none has it. */
export function errorOf(
  signatures: Readonly<Record<string, string>>,
  selector: string,
): AbiError | undefined {
  const signature = signatures[selector.slice(2, 10).toLowerCase()]
  return signature === undefined ? undefined : (item('error', signature) as AbiError)
}

/** Decodes revert data with the errors of `signatures`; `undefined` when none has its selector. */
export function decodeErrorWith(
  signatures: Readonly<Record<string, string>>,
  data: Hex,
): { errorName: string; args: readonly unknown[] } | undefined {
  const abiItem = errorOf(signatures, data)
  if (!abiItem) return undefined
  try {
    const args = decodeAbiParameters(abiItem.inputs, `0x${data.slice(10)}`)
    return { errorName: abiItem.name, args: withHexModelIds(abiItem.inputs, args) }
  } catch {
    return undefined
  }
}
