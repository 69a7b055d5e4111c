import { DaimmProvider } from '@daimm/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { PublicClient } from 'viem'
import { usePublicClient, useWalletClient, WagmiProvider } from 'wagmi'
import { App } from './App'
import { config } from './config'
import { wagmiConfig } from './wagmi'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false } },
})

/** Hands wagmi's clients (the wallet once connected) to @daimm/react's hooks. */
function Daimm({ children }: { children: React.ReactNode }) {
  const publicClient = usePublicClient() as PublicClient
  const { data: walletClient } = useWalletClient()
  return (
    <DaimmProvider
      api={config.apiUrl}
      chainId={config.chainId}
      deployment={config.deployment}
      publicClient={publicClient}
      walletClient={walletClient}
    >
      {children}
    </DaimmProvider>
  )
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <Daimm>
          <App />
        </Daimm>
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
)
