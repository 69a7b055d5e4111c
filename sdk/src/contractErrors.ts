import {
  type AbiParameter,
  ContractFunctionRevertedError,
  type Hex,
  isHex,
  toHex,
  BaseError as ViemBaseError,
} from 'viem'
import { DaimmError } from './errors.js'

type Args = readonly unknown[]

/** What each custom error means, in words: the decoded arguments and the function that reverted in, a sentence out. */
export type ContractErrorWords = Readonly<
  Record<string, (args: Args, functionName: string) => string>
>

let explanations: ContractErrorWords = {}

/** Sets the words `ContractError` explains errors with (see `explainContractErrors`). */
export function useContractErrorWords(words: ContractErrorWords): void {
  explanations = words
}

/**
 * A protocol contract reverted with a custom error. `errorName` and `args` are the decoded error
 * (model ids as 0x hex, other integers as bigint); `shortMessage` says in words what went wrong.
 *
 * @example
 * try {
 *   await daimm.registry.register({ ... })
 * } catch (error) {
 *   if (error instanceof ContractError && error.errorName === 'AlreadyRegistered') ...
 * }
 */
export class ContractError extends DaimmError {
  override name = 'ContractError'
  readonly errorName: string
  readonly args: Args
  readonly data: Hex | undefined

  constructor({
    errorName,
    args,
    data,
    functionName,
    cause,
  }: {
    errorName: string
    args: Args
    data: Hex | undefined
    functionName: string
    cause: unknown
  }) {
    const explain = explanations[errorName]
    const shown = args.map((arg) => (typeof arg === 'bigint' ? arg.toString() : String(arg)))
    super(
      explain
        ? explain(args, functionName)
        : `${functionName} reverted with ${errorName}(${shown.join(', ')}).`,
      {
        cause,
        metaMessages: [
          `Contract error: ${errorName}(${shown.join(', ')})`,
          `Function: ${functionName}`,
          ...(Object.keys(explanations).length
            ? []
            : ['Call explainContractErrors() once to have errors explained in words.']),
        ],
      },
    )
    this.errorName = errorName
    this.args = args
    this.data = data
  }
}

/**
 * The revert data a failed call carries, wherever viem put it: the `raw` of a
 * `ContractFunctionRevertedError` whose ABI lacked the error (a revert raised in a second contract),
 * or the `data` of a node's RPC error (a wallet's `eth_sendTransaction` or `eth_estimateGas`).
 */
function revertDataOf(error: ViemBaseError): Hex | undefined {
  let found: Hex | undefined
  error.walk((e) => {
    const candidate =
      e instanceof ContractFunctionRevertedError
        ? e.raw
        : ((e as { data?: unknown }).data ?? undefined)
    const hex =
      typeof candidate === 'string'
        ? candidate
        : typeof (candidate as { data?: unknown } | undefined)?.data === 'string'
          ? (candidate as { data: string }).data
          : undefined
    if (hex && isHex(hex) && hex.length >= 10) found = hex as Hex
    return found !== undefined
  })
  return found
}

/** Error parameters that hold a model (or dataset) id, by name: shown as 0x hex, as results show them. */
const modelIdNames = /^(id|modelId|parent|subjectId|sourceModelId|datasetId)$/

/** The decoded arguments with model ids (uint256 parameters named as one) as 32-byte 0x hex. */
export function withHexModelIds(
  inputs: readonly AbiParameter[],
  args: readonly unknown[],
): readonly unknown[] {
  return args.map((arg, i) => {
    const input = inputs[i]
    return typeof arg === 'bigint' &&
      input?.type === 'uint256' &&
      modelIdNames.test(input.name ?? '')
      ? toHex(arg, { size: 32 })
      : arg
  })
}

/**
 * Turns a viem error from a contract call into a `ContractError` when the call reverted with a
 * custom error of the protocol (raised by the called contract or by one it called: the token, the
 * registry...); anything else is returned unchanged. Async: the protocol's error table is loaded
 * when first needed.
 */
export async function toContractError(error: unknown, functionName: string): Promise<unknown> {
  if (error instanceof ContractError || !(error instanceof ViemBaseError)) return error
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
  if (reverted instanceof ContractFunctionRevertedError && reverted.data)
    return new ContractError({
      errorName: reverted.data.errorName,
      args: withHexModelIds(
        (reverted.data.abiItem as { inputs?: readonly AbiParameter[] }).inputs ?? [],
        reverted.data.args ?? [],
      ),
      data: reverted.raw,
      functionName,
      cause: error,
    })
  const data = revertDataOf(error)
  if (!data) return error
  // The protocol's error table is loaded on this path only: a bundle splits it into a chunk that a
  // dApp fetches when a call fails with an error the called contract's ABI lacks.
  const { decodeLazily } = await import('./protocolLazy.js')
  const decoded = decodeLazily(data)
  if (!decoded) return error
  return new ContractError({ ...decoded, data, functionName, cause: error })
}
