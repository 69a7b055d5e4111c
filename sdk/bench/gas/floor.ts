import type { Hex, Log } from 'viem'
import { hexToBytes } from 'viem'

/** Gas of one new (zero → non-zero) storage slot: 20,000 for the write plus 2,100 for the cold access. */
export const NEW_SLOT_GAS = 22_100n

/** EIP-2028 calldata cost: 4 gas per zero byte, 16 per non-zero byte. */
export function calldataGas(input: Hex): bigint {
  let gas = 0n
  for (const byte of hexToBytes(input)) gas += byte === 0 ? 4n : 16n
  return gas
}

/** LOG cost: 375 per log, 375 per topic, 8 per byte of data. */
export function logsGas(logs: readonly Pick<Log, 'topics' | 'data'>[]): bigint {
  let gas = 0n
  for (const log of logs)
    gas += 375n + 375n * BigInt(log.topics.length) + 8n * BigInt((log.data.length - 2) / 2)
  return gas
}

/**
 * The floor of a transaction: 21,000 + calldata + 22,100 per new storage slot + logs. Nothing that
 * writes those slots and emits those logs can cost less.
 */
export function floorGas(
  input: Hex,
  newSlots: number,
  logs: readonly Pick<Log, 'topics' | 'data'>[],
) {
  return 21_000n + calldataGas(input) + NEW_SLOT_GAS * BigInt(newSlots) + logsGas(logs)
}

/** The shape of a log, for floors of operations whose logs are known in advance. */
export type LogShape = { topics: number; dataBytes: number }

/** A `Transfer(from, to, value)` of an ERC-20: three topics, one word of data. */
export const TRANSFER_LOG: LogShape = { topics: 3, dataBytes: 32 }

/** `floorGas` for logs given by shape: 21,000 + calldata + 22,100 per new slot + logs. */
export function storageFloor({
  calldata,
  newSlots,
  logs,
}: {
  calldata: Hex
  newSlots: number
  logs: readonly LogShape[]
}): bigint {
  let gas = 21_000n + calldataGas(calldata) + NEW_SLOT_GAS * BigInt(newSlots)
  for (const log of logs) gas += 375n + 375n * BigInt(log.topics) + 8n * BigInt(log.dataBytes)
  return gas
}
