import type { PublicClient } from 'viem'

/** Chain ids of local devnets (anvil, hardhat, ganache), where a block may wait for a transaction. */
export const DEV_CHAIN_IDS: ReadonlySet<number> = new Set([31337, 1337])

/**
 * Waits until the chain is past `blockNumber`, for a transaction that must land in a later block
 * than another (a registration after its commitment, a draw after its seed block). A local devnet
 * that mines only when a transaction comes (anvil's default) is asked to mine the missing blocks
 * (`anvil_mine`, else `evm_mine` one by one) after a second.
 */
export async function waitForBlockAfter(
  publicClient: PublicClient,
  blockNumber: bigint,
): Promise<void> {
  const chainId = publicClient.chain?.id ?? (await publicClient.getChainId())
  const dev = DEV_CHAIN_IDS.has(chainId)
  const started = Date.now()
  let asked = false
  for (;;) {
    const head = await publicClient.getBlockNumber({ cacheTime: 0 })
    if (head > blockNumber) return
    if (!asked && dev && Date.now() - started >= 1_000) {
      asked = true
      await mine(publicClient, blockNumber - head + 1n)
      continue
    }
    await new Promise((done) => setTimeout(done, dev ? 100 : 1_000))
  }
}

/** Mines `count` blocks on a local devnet: at once with `anvil_mine`, else one `evm_mine` each. */
async function mine(publicClient: PublicClient, count: bigint): Promise<void> {
  const many = { method: 'anvil_mine', params: [`0x${count.toString(16)}`] }
  if (
    await publicClient.request(many as never).then(
      () => true,
      () => false,
    )
  )
    return
  for (let i = 0n; i < count; i++) {
    await publicClient.request({ method: 'evm_mine' } as never).catch(() => {})
  }
}
