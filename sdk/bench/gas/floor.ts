import { type Hex, hexToBytes } from 'viem'

/** Gas of one log: 375 + 375 per topic + 8 per data byte (the memory it is read from is not counted). */
export type LogShape = { topics: number; dataBytes: number }

/** A `Transfer(from, to, value)` of an ERC-20: three topics, one word of data. */
export const TRANSFER_LOG: LogShape = { topics: 3, dataBytes: 32 }

/**
 * The storage floor of a transaction: 21,000 + calldata (4 per zero byte, 16 per other byte) +
 * 22,100 per storage slot written from zero (a cold 2,100 access plus 20,000) + its logs. Whatever a
 * contract does beyond that (reads, non-zero writes, calls, memory) is overhead above the floor.
 */
export function storageFloor({
  calldata,
  newSlots,
  logs,
}: {
  calldata: Hex
  newSlots: number
  logs: readonly LogShape[]
}): bigint {
  let gas = 21_000n + 22_100n * BigInt(newSlots)
  for (const byte of hexToBytes(calldata)) gas += byte === 0 ? 4n : 16n
  for (const log of logs) gas += 375n + 375n * BigInt(log.topics) + 8n * BigInt(log.dataBytes)
  return gas
}
