/**
 * The browser tests' wallet: an EIP-1193 provider backed by one of anvil's dev accounts (unlocked on
 * the node, so eth_sendTransaction and signatures go straight to anvil), announced to the page through
 * EIP-6963 as a real extension would. Installed with `page.addInitScript(installTestWallet, …)`.
 */
export type TestWalletOptions = { rpcUrl: string; address: string; chainId: number }

export function installTestWallet({ rpcUrl, address, chainId }: TestWalletOptions) {
  type Listener = (...args: unknown[]) => void
  const listeners = new Map<string, Set<Listener>>()
  let id = 0
  // Remembered for the tab, as a wallet remembers a site it connected to.
  let connected = sessionStorage.getItem('daimm-test-wallet') === address
  const remember = (on: boolean) => {
    connected = on
    if (on) sessionStorage.setItem('daimm-test-wallet', address)
    else sessionStorage.removeItem('daimm-test-wallet')
  }
  const rpc = async (method: string, params: unknown[] = []) => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    })
    const body = (await response.json()) as {
      result?: unknown
      error?: { code: number; message: string; data?: unknown }
    }
    if (body.error) throw Object.assign(new Error(body.error.message), body.error)
    return body.result
  }
  const provider = {
    isDaimmTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown[] }) {
      switch (method) {
        case 'eth_requestAccounts':
          remember(true)
          for (const l of listeners.get('connect') ?? [])
            l({ chainId: `0x${chainId.toString(16)}` })
          return [address]
        case 'eth_accounts':
          return connected ? [address] : []
        case 'eth_chainId':
          return `0x${chainId.toString(16)}`
        case 'net_version':
          return String(chainId)
        case 'wallet_switchEthereumChain':
        case 'wallet_addEthereumChain':
          return null
        case 'wallet_requestPermissions':
          remember(true)
          return [{ parentCapability: 'eth_accounts' }]
        case 'wallet_revokePermissions':
          remember(false)
          return null
        case 'wallet_getPermissions':
          return connected ? [{ parentCapability: 'eth_accounts' }] : []
        default:
          return rpc(method, params)
      }
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set())
      listeners.get(event)?.add(listener)
      return provider
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener)
      return provider
    },
  }
  const info = Object.freeze({
    uuid: '7d3c5b1e-0000-4000-8000-daimm0000001'.slice(0, 36),
    name: 'DAIMM Test Wallet',
    icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="16" height="16"%3E%3Crect width="16" height="16" fill="%231d4ed8"/%3E%3C/svg%3E',
    rdns: 'dev.daimm.testwallet',
  })
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
    )
  window.addEventListener('eip6963:requestProvider', announce)
  announce()
}
