import { useState } from 'react'
import { useAccount, useConnect, useConnectors, useDisconnect } from 'wagmi'
import { errorText, short } from '../format'

/** Connects an injected wallet: those announced through EIP-6963 first, `window.ethereum` as a fallback. */
export function WalletButton() {
  const { address, isConnected, connector } = useAccount()
  const connectors = useConnectors()
  const { connect, isPending, error } = useConnect()
  const { disconnect } = useDisconnect()
  const [open, setOpen] = useState(false)
  if (isConnected && address)
    return (
      <div className="wallet">
        <span title={address}>
          {connector?.name ?? 'Wallet'} · <code>{short(address, 4)}</code>
        </span>
        <button type="button" onClick={() => disconnect()}>
          Disconnect
        </button>
      </div>
    )
  // Announced wallets (EIP-6963) come with a name and an icon; the generic one only when alone.
  const announced = connectors.filter((c) => c.type === 'injected' && c.id !== 'injected')
  const choices = announced.length ? announced : connectors
  return (
    <div className="wallet">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        disabled={isPending}
      >
        {isPending ? 'Connecting…' : 'Connect wallet'}
      </button>
      {open && (
        <ul className="menu" aria-label="Wallets">
          {choices.map((c) => (
            <li key={c.uid}>
              <button
                type="button"
                onClick={() => connect({ connector: c }, { onSuccess: () => setOpen(false) })}
              >
                {c.icon && <img src={c.icon} alt="" width={16} height={16} />} {c.name}
              </button>
            </li>
          ))}
          {choices.length === 0 && <li>No browser wallet found: install one, then reload.</li>}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
    </div>
  )
}
