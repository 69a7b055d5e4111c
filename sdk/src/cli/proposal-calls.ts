/**
 * The calls file of `daimm gov propose`: a JSON list of calls, each a target (an address or the name
 * of a deployed contract, such as `registry`), an optional value in wei, and either a function
 * signature with its arguments or raw calldata.
 */
import { readFile } from 'node:fs/promises'
import {
  type AbiFunction,
  type AbiParameter,
  type Address,
  encodeFunctionData,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  parseAbiItem,
} from 'viem'
import type { ProposalCall } from '../actions/governance/proposal.js'
import { type DeploymentContracts, deploymentContractNames } from '../deployments.js'
import { CliUsageError } from './command.js'

export const callsFileHelp = `The calls file is a JSON list (or {"calls": [...]}) of calls, each
  {"target": "registry" | "0x…", "value": "0", "signature": "setRoyaltyRate(uint16)", "args": [250]}
or {"target": …, "calldata": "0x…"}. A target may name a deployed contract (registry, market,
stakeManager, slasher, scoring, splitter, governor, timelock, token, accessManager, …). Integers
may be JSON numbers or decimal strings; value is in wei.`

type RawCall = {
  target?: unknown
  value?: unknown
  signature?: unknown
  args?: unknown
  calldata?: unknown
}

/** Reads and encodes the calls of `path`. */
export async function readProposalCalls(
  path: string,
  contracts: DeploymentContracts,
): Promise<ProposalCall[]> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new CliUsageError(`Cannot read the calls file ${path}: ${(error as Error).message}`, {
      fix: callsFileHelp,
    })
  }
  return parseProposalCalls(json, contracts, path)
}

/** Encodes calls already parsed from JSON; `source` names them in errors. */
export function parseProposalCalls(
  json: unknown,
  contracts: DeploymentContracts,
  source = 'the calls file',
): ProposalCall[] {
  const list =
    json !== null && typeof json === 'object' && 'calls' in json
      ? (json as { calls: unknown }).calls
      : json
  if (!Array.isArray(list) || list.length === 0)
    throw new CliUsageError(`${source} holds no list of calls.`, { fix: callsFileHelp })
  return list.map((raw: RawCall, index) => {
    const where = `${source}, call ${index}`
    if (raw === null || typeof raw !== 'object')
      throw new CliUsageError(`${where} is not an object.`, { fix: callsFileHelp })
    const target = parseTarget(raw.target, contracts, where)
    const value = raw.value === undefined ? 0n : parseInteger(raw.value, `${where}: value`)
    if (raw.calldata !== undefined) {
      if (raw.signature !== undefined || raw.args !== undefined)
        throw new CliUsageError(`${where} has calldata and a signature: give one.`, {
          fix: callsFileHelp,
        })
      if (typeof raw.calldata !== 'string' || !isHex(raw.calldata))
        throw new CliUsageError(`${where}: calldata is not hex.`, { fix: callsFileHelp })
      return { target, value, data: raw.calldata as Hex }
    }
    if (typeof raw.signature !== 'string')
      throw new CliUsageError(`${where} needs a signature (with args) or calldata.`, {
        fix: callsFileHelp,
      })
    return { target, value, data: encodeCall(raw.signature, raw.args ?? [], where) }
  })
}

function parseTarget(target: unknown, contracts: DeploymentContracts, where: string): Address {
  if (typeof target === 'string') {
    if (isAddress(target, { strict: false })) return getAddress(target)
    const name = deploymentContractNames.find((n) => n === target)
    if (name) return contracts[name]
  }
  throw new CliUsageError(
    `${where}: target ${JSON.stringify(target)} is neither an address nor a deployed contract.`,
    { fix: `Name one of ${deploymentContractNames.join(', ')}, or give an address.` },
  )
}

function encodeCall(signature: string, args: unknown, where: string): Hex {
  let fn: AbiFunction
  try {
    const item = parseAbiItem(`function ${signature.replace(/^function\s+/, '')}`)
    if (item.type !== 'function') throw new Error('not a function')
    fn = item
  } catch (error) {
    throw new CliUsageError(
      `${where}: ${JSON.stringify(signature)} is not a function signature (${(error as Error).message.split('\n')[0]}).`,
      { fix: 'For example: "setRoyaltyRate(uint16)" or "upgradeToAndCall(address,bytes)".' },
    )
  }
  if (!Array.isArray(args) || args.length !== fn.inputs.length)
    throw new CliUsageError(
      `${where}: ${fn.name} takes ${fn.inputs.length} argument(s), but args is ${JSON.stringify(args)}.`,
      { fix: 'Give "args" as a JSON list, one entry per parameter.' },
    )
  const values = fn.inputs.map((input, i) =>
    coerce(input, args[i], `${where}: ${fn.name} argument ${i}`),
  )
  try {
    return encodeFunctionData({ abi: [fn], functionName: fn.name, args: values })
  } catch (error) {
    throw new CliUsageError(`${where}: ${(error as BaseErrorLike).shortMessage ?? String(error)}`, {
      fix: 'Check the arguments against the signature.',
    })
  }
}

type BaseErrorLike = { shortMessage?: string }

/** JSON numbers and decimal strings become bigints where the ABI wants integers, recursively. */
function coerce(parameter: AbiParameter, value: unknown, where: string): unknown {
  const array = parameter.type.match(/^(.*)\[\d*\]$/)
  if (array) {
    if (!Array.isArray(value)) throw new CliUsageError(`${where} must be a list.`)
    const inner = { ...parameter, type: array[1] ?? '' } as AbiParameter
    return value.map((v, i) => coerce(inner, v, `${where}[${i}]`))
  }
  if (/^u?int\d*$/.test(parameter.type)) return parseInteger(value, where)
  if (parameter.type === 'tuple' && 'components' in parameter && Array.isArray(value))
    return value.map((v, i) => {
      const component = parameter.components[i]
      return component ? coerce(component, v, `${where}.${i}`) : v
    })
  return value
}

function parseInteger(value: unknown, where: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim())
  throw new CliUsageError(`${where}: ${JSON.stringify(value)} is not an integer.`, {
    fix: 'Give integers as JSON numbers, or as decimal strings when they are large.',
  })
}
