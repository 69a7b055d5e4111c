import type { DaimmContext, Deployment } from '@daimm/sdk'
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { PublicClient, WalletClient } from 'viem'
import { createGatewayApi, type GatewayApi } from './api.js'

export type DaimmConfig = {
  /** The chain the deployment and the gateway describe: it names every query key. */
  chainId: number
  api: GatewayApi
  deployment: Deployment
  publicClient: PublicClient
  /** The connected wallet, when there is one: writes need it. */
  walletClient?: WalletClient | undefined
}

const Context = createContext<DaimmConfig | undefined>(undefined)

export type DaimmProviderProps = {
  /** The gateway API's base URL (`''`: the page's origin), or a client made with createGatewayApi. */
  api: string | GatewayApi
  chainId: number
  deployment: Deployment
  publicClient: PublicClient
  walletClient?: WalletClient | undefined
  children: ReactNode
}

/**
 * Gives the hooks the gateway, the chain and (when connected) the wallet. Put it inside TanStack
 * Query's `QueryClientProvider`; with wagmi, pass `usePublicClient()` and `useWalletClient().data`.
 */
export function DaimmProvider({
  api,
  chainId,
  deployment,
  publicClient,
  walletClient,
  children,
}: DaimmProviderProps) {
  const value = useMemo<DaimmConfig>(
    () => ({
      chainId,
      deployment,
      publicClient,
      walletClient,
      api: typeof api === 'string' ? createGatewayApi({ url: api }) : api,
    }),
    [api, chainId, deployment, publicClient, walletClient],
  )
  return <Context.Provider value={value}>{children}</Context.Provider>
}

/** The provider's configuration; throws outside a `DaimmProvider`. */
export function useDaimmConfig(): DaimmConfig {
  const config = useContext(Context)
  if (!config) throw new Error('A @daimm/react hook was used outside <DaimmProvider>.')
  return config
}

/** The SDK's action context: the chain's clients and the deployment. */
export function useDaimmContext(): DaimmContext {
  const { publicClient, walletClient, deployment } = useDaimmConfig()
  return useMemo(
    () => ({ publicClient, walletClient, deployment }),
    [publicClient, walletClient, deployment],
  )
}
