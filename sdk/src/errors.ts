export type DaimmErrorParameters = {
  /** The error behind this one. Its message becomes `details` when no `details` is given. */
  cause?: unknown
  /** Technical detail (a node's reply, a low-level message), printed after the explanation. */
  details?: string | undefined
  /** Lines that explain or say how to fix it, printed between the short message and the details. */
  metaMessages?: readonly string[] | undefined
}

/**
 * Base class of every error the SDK throws: `instanceof DaimmError` catches them all.
 *
 * Like viem's `BaseError`: `shortMessage` says what went wrong in one sentence, `metaMessages` add
 * context or a fix, and `details` carries the underlying reason. `message` joins them.
 *
 * @example
 * try {
 *   cidToOnchain('bafy…')
 * } catch (error) {
 *   if (error instanceof DaimmError) console.error(error.shortMessage)
 * }
 */
export class DaimmError extends Error {
  override name = 'DaimmError'
  readonly shortMessage: string
  readonly details: string | undefined
  readonly metaMessages: readonly string[] | undefined

  constructor(shortMessage: string, parameters: DaimmErrorParameters = {}) {
    const { cause, metaMessages } = parameters
    const details =
      parameters.details ??
      (cause instanceof DaimmError
        ? cause.details
        : cause instanceof Error
          ? cause.message
          : undefined)
    const message = [
      shortMessage,
      ...(metaMessages?.length ? ['', ...metaMessages] : []),
      ...(details ? ['', `Details: ${details}`] : []),
    ].join('\n')
    super(message, cause === undefined ? undefined : { cause })
    this.shortMessage = shortMessage
    this.details = details
    this.metaMessages = metaMessages
  }

  /**
   * Follows the `cause` chain and returns the last error, or the first one `predicate` accepts
   * (`null` when none does).
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let error: unknown = this
    for (;;) {
      if (predicate?.(error)) return error
      const cause = error instanceof Error ? error.cause : undefined
      if (cause === undefined) return predicate ? null : error
      error = cause
    }
  }
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
