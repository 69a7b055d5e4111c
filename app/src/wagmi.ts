import { defineChain } from 'viem'
import { createConfig, http, injected } from 'wagmi'
import { config } from './config'

export const chain = defineChain({
  id: config.chainId,
  name: config.chainId === 31337 ? 'Local devnet (anvil)' : `Chain ${config.chainId}`,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [config.rpcUrl] } },
})

/**
 * Injected wallets, found through EIP-6963 announcements (wagmi's multi-injected discovery), and the
 * legacy `window.ethereum` for a wallet that does not announce itself.
 */
export const wagmiConfig = createConfig({
  chains: [chain],
  connectors: [injected()],
  multiInjectedProviderDiscovery: true,
  transports: { [chain.id]: http(config.rpcUrl) },
  pollingInterval: 1000,
})
