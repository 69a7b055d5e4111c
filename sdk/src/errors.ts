/** Base class of every error the SDK throws: `instanceof DaimmError` catches them all. */
export class DaimmError extends Error {
  override name = 'DaimmError'
}

/** `getDeployment` was asked for a chain the SDK ships no deployment for. */
export class UnknownDeploymentError extends DaimmError {
  override name = 'UnknownDeploymentError'
  readonly chainId: number
  readonly knownChainIds: readonly number[]

  constructor({ chainId, knownChainIds }: { chainId: number; knownChainIds: readonly number[] }) {
    super(
      [
        `No known DAIMM deployment for chain ${chainId} (known chains: ${knownChainIds.join(', ') || 'none'}).`,
        'Deploy with script/Deploy.s.sol and pass your own deployment instead:',
        'parseDeployment(json) turns the deployments/<chainId>.json it writes into a Deployment.',
      ].join(' '),
    )
    this.chainId = chainId
    this.knownChainIds = knownChainIds
  }
}

/** A custom deployment given to `parseDeployment` does not have the expected shape. */
export class InvalidDeploymentError extends DaimmError {
  override name = 'InvalidDeploymentError'
  readonly path: string

  constructor({ path, expected }: { path: string; expected: string }) {
    super(`Invalid DAIMM deployment: ${path} must be ${expected}.`)
    this.path = path
  }
}
