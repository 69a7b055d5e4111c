/**
 * Reading a contract's past events without an indexer: `eth_getLogs` from the deployment's start
 * block, the range halved whenever the node refuses it as too large.
 */
import type {
  Abi,
  Address,
  ContractEventArgs,
  ContractEventName,
  GetContractEventsReturnType,
  PublicClient,
} from 'viem'

/** Below this many blocks a refused range is not split further: the error is real. */
const SMALLEST_RANGE = 1n

/** What nodes answer when a log query spans too many blocks or results. */
const RANGE_REFUSED =
  /range|too many|limit|exceed|too large|10000|response size|query returned more than/i

/**
 * Every `eventName` event of the contract at `address` from `fromBlock` to the latest block,
 * oldest first, optionally filtered by indexed arguments.
 *
 * @example
 * const registered = await scanEvents(publicClient, {
 *   address: deployment.contracts.registry,
 *   abi: modelRegistryAbi,
 *   eventName: 'ModelRegistered',
 *   fromBlock: BigInt(deployment.startBlock),
 * })
 */
export async function scanEvents<const abi extends Abi, eventName extends ContractEventName<abi>>(
  publicClient: PublicClient,
  {
    address,
    abi,
    eventName,
    args,
    fromBlock,
    toBlock,
  }: {
    address: Address
    abi: abi
    eventName: eventName
    args?: ContractEventArgs<abi, eventName> | undefined
    fromBlock: bigint
    toBlock?: bigint | undefined
  },
): Promise<GetContractEventsReturnType<abi, eventName>> {
  const last = toBlock ?? (await publicClient.getBlockNumber())
  const query = (from: bigint, to: bigint) =>
    publicClient.getContractEvents({
      address,
      abi,
      eventName,
      args,
      fromBlock: from,
      toBlock: to,
      strict: true,
    } as Parameters<typeof publicClient.getContractEvents>[0]) as Promise<
      GetContractEventsReturnType<abi, eventName>
    >
  const scan = async (
    from: bigint,
    to: bigint,
  ): Promise<GetContractEventsReturnType<abi, eventName>> => {
    try {
      return await query(from, to)
    } catch (error) {
      const text = `${(error as Error).message} ${(error as { details?: string }).details ?? ''}`
      if (to - from < SMALLEST_RANGE || !RANGE_REFUSED.test(text)) throw error
      const middle = from + (to - from) / 2n
      return [
        ...(await scan(from, middle)),
        ...(await scan(middle + 1n, to)),
      ] as GetContractEventsReturnType<abi, eventName>
    }
  }
  if (fromBlock > last) return [] as GetContractEventsReturnType<abi, eventName>
  return scan(fromBlock, last)
}
