/** Options every `watch*` helper takes (passed to viem's `watchContractEvent`). */
export type WatchParameters = {
  /** Report events from this block on too (default: only new ones). */
  fromBlock?: bigint | undefined
  /** Milliseconds between polls. Default: the public client's `pollingInterval`. */
  pollingInterval?: number | undefined
  /** Called when polling fails; watching goes on. */
  onError?: ((error: Error) => void) | undefined
}
