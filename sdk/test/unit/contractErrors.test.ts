import {
  type AbiParameter,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  RpcRequestError,
  TransactionExecutionError,
} from 'viem'
import { describe, expect, test } from 'vitest'
import { toContractError } from '../../src/contractErrors.js'
import { explainContractErrors } from '../../src/contractErrorWords.js'

explainContractErrors()

import { ContractError, marketplaceAbi } from '../../src/index.js'
import { decodeProtocolError, protocolErrorsAbi } from '../../src/protocol.js'

/** A decoded value of the parameter's type, as viem returns it. */
function sample({ type }: AbiParameter): unknown {
  if (type === 'address') return '0x0000000000000000000000000000000000000001'
  if (type === 'bool') return false
  if (type === 'bytes') return '0x01'
  if (type.startsWith('bytes')) return `0x${'11'.repeat(Number(type.slice(5)))}`
  return Number(type.replace(/^u?int/, '')) <= 48 ? 1 : 1n
}

describe("every custom error of every protocol contract (OpenZeppelin's included) is explained", () => {
  const errors = new Map<string, readonly AbiParameter[]>()
  for (const item of protocolErrorsAbi) errors.set(item.name, item.inputs)
  test.each([...errors])('%s', (errorName, inputs) => {
    const args = inputs.map(sample)
    const { shortMessage } = new ContractError({
      errorName,
      args,
      data: undefined,
      functionName: 'call',
      cause: undefined,
    })
    expect(shortMessage).not.toMatch(/^call reverted with/)
    expect(shortMessage).not.toMatch(/undefined|NaN/)
  })
})

describe('reverts are decoded wherever they are raised', () => {
  const unknownModel = encodeErrorResult({
    abi: protocolErrorsAbi,
    errorName: 'UnknownModel',
    args: [7n],
  })

  test('a revert of a second contract, missing from the called ABI', async () => {
    // The Marketplace calls the registry, which reverts with its own error.
    const reverted = new ContractFunctionRevertedError({
      abi: marketplaceAbi,
      data: unknownModel,
      functionName: 'publishOffer',
    })
    expect(reverted.data).toBeUndefined()
    const error = (await toContractError(
      new ContractFunctionExecutionError(reverted, {
        abi: marketplaceAbi,
        functionName: 'publishOffer',
        args: [],
      }),
      'publishOffer',
    )) as ContractError
    expect(error).toBeInstanceOf(ContractError)
    expect(error.errorName).toBe('UnknownModel')
    // Model ids are 0x hex, as in results.
    expect(error.args).toEqual([`0x${'00'.repeat(31)}07`])
    expect(error.data).toBe(unknownModel)
    expect(error.shortMessage).toBe(
      'No model is registered under id 0x0000000000000000000000000000000000000000000000000000000000000007.',
    )
  })

  test("a node's RPC error, as a wallet's eth_sendTransaction gives it", async () => {
    const data = encodeErrorResult({
      abi: protocolErrorsAbi,
      errorName: 'ERC20InsufficientBalance',
      args: ['0x0000000000000000000000000000000000000001', 0n, 10n ** 18n],
    })
    const rpc = new RpcRequestError({
      body: {},
      url: 'http://node',
      error: { code: 3, message: 'execution reverted', data },
    })
    const error = (await toContractError(
      new TransactionExecutionError(rpc, { account: undefined } as never),
      'stake',
    )) as ContractError
    expect(error.errorName).toBe('ERC20InsufficientBalance')
    expect(error.shortMessage).toBe(
      '0x0000000000000000000000000000000000000001 holds 0 tokens but 1 are needed.',
    )
  })

  test('decodeProtocolError knows the selectors, and nothing else', () => {
    expect(decodeProtocolError(unknownModel)).toEqual({
      errorName: 'UnknownModel',
      args: [`0x${'00'.repeat(31)}07`],
    })
    expect(decodeProtocolError('0x12345678')).toBeUndefined()
  })

  test('other errors pass through unchanged', async () => {
    const plain = new Error('network down')
    expect(await toContractError(plain, 'stake')).toBe(plain)
  })
})
