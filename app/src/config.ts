import { type Deployment, parseDeployment } from '@daimm/sdk'

/** What the server tells the page: where the chain and the API are, and the deployment. */
export type AppConfig = {
  chainId: number
  rpcUrl: string
  /** The gateway API's base URL; `''` when this server proxies it. */
  apiUrl: string
  /** An IPFS gateway (`/ipfs/<cid>`), verified by the SDK reader; `''` for this server. */
  ipfsUrl: string
  /** The gateway's identity for signed requests (key release): its own origin, not this page's. */
  gateway?: string | undefined
  deployment: Deployment
}

function read(): AppConfig {
  const element = document.getElementById('daimm-config')
  if (!element?.textContent)
    throw new Error(
      'This page has no DAIMM configuration: open the app through `npm start`, which serves it beside the API.',
    )
  const raw = JSON.parse(element.textContent) as AppConfig
  return { ...raw, deployment: parseDeployment(raw.deployment) }
}

export const config: AppConfig = read()
