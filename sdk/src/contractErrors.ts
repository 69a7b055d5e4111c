import {
  ContractFunctionRevertedError,
  formatEther,
  type Hex,
  toHex,
  BaseError as ViemBaseError,
} from 'viem'
import { DaimmError } from './errors.js'

type Args = readonly unknown[]

const RELATIONS = ['none', 'fine-tune', 'quantized', 'adapter', 'merge', 'distilled'] as const
const STATUSES = ['active', 'deprecated', 'flagged'] as const

/** Model ids are SHA-256 fingerprints: shown as 0x-hex, the form `fingerprint()` returns. */
const id = (value: unknown) =>
  typeof value === 'bigint' ? toHex(value, { size: 32 }) : String(value)
const date = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString()

/**
 * What each custom error of the protocol means, in words. Keys are error names; the function gets
 * the decoded arguments. Errors missing here are still decoded, and shown with their arguments.
 */
const explanations: Record<string, (args: Args) => string> = {
  // ModelRegistry
  AlreadyRegistered: ([model, owner]) =>
    `These bytes are registered already: model ${id(model)} belongs to ${owner}.`,
  UnknownModel: ([model]) => `No model is registered under id ${id(model)}.`,
  ZeroFingerprint: () => 'The fingerprint is zero: compute it with fingerprint(file).',
  InvalidLineage: ([parent, relation]) =>
    `Parent and relation go together: relation must be 'none' exactly when there is no parent (got parent ${id(parent)}, relation '${RELATIONS[Number(relation)]}').`,
  ParentNotOlder: ([parent, model]) =>
    `Parent ${id(parent)} was registered after model ${id(model)}; a superseding registration may only name an older parent.`,
  NotOwnerOrApproved: ([model, caller]) =>
    `${caller} is neither the owner of model ${id(model)} nor approved for it.`,
  UnknownCommitment: ([commitment]) =>
    `No pending commitment ${commitment}: commit first, from the same account, with the same fingerprint and salt.`,
  CommitmentPending: ([commitment]) =>
    `Commitment ${commitment} is pending already; register with it instead of committing again.`,
  CommitmentTooNew: ([, block]) =>
    `The commitment was made in block ${block}: register from the next block on.`,
  CommitmentExpired: ([, at]) =>
    `The commitment expired at ${date(at)}: commit again, then register.`,
  SignatureExpired: ([deadline]) =>
    `The signature expired at ${date(deadline)}: ask the publisher to sign again.`,
  InvalidSignature: ([publisher]) =>
    `The signature is not ${publisher}'s for this registration and nonce.`,
  InvalidStatusChange: ([model, from, to]) =>
    `Model ${id(model)} is ${STATUSES[Number(from)]}; it cannot become ${STATUSES[Number(to)]} this way.`,
  ScoreOutOfRange: ([score]) => `Scores run from 1 to 100 (got ${score}).`,
  RoyaltyRateTooHigh: ([bps, max]) =>
    `A royalty rate of ${bps} basis points exceeds the maximum of ${max}.`,
  InvalidMaxCommitAge: ([age]) => `A commitment lifetime of ${age} s is outside 60 s to 30 days.`,
  CidUnsupportedVersion: ([version]) =>
    `Only CIDv1 is accepted (got a CIDv${version}); cidToOnchain converts a CIDv0 to v1.`,
  CidUnsupportedMultihash: ([code]) =>
    `Only sha2-256 CIDs are accepted (got multihash code 0x${Number(code).toString(16)}).`,
  CidUnsupportedCodec: ([codec]) =>
    `CID codec 0x${Number(codec).toString(16)} does not fit in 16 bits.`,
  CidMalformed: () => 'These bytes are not a binary CID.',
  // StakeManager
  StakeManagerZeroAmount: () => 'The amount is zero.',
  StakeManagerInsufficientUnlockedStake: ([account, unlocked, requested]) =>
    `${account} has ${formatEther(unlocked as bigint)} DAIMM of unlocked stake, less than the ${formatEther(requested as bigint)} requested (locked stake waits for its scoring rounds).`,
  StakeManagerUnbondingQueueFull: ([, max]) =>
    `The unbonding queue holds at most ${max} requests: withdraw the matured ones first.`,
  StakeManagerNothingToWithdraw: ([, next]) =>
    Number(next) === 0
      ? 'Nothing is unbonding: request an unstake first.'
      : `Nothing has finished unbonding yet; the next request is released at ${date(next)}.`,
  // Access control and pausing
  AccessManagedUnauthorized: ([caller]) =>
    `${caller} does not hold the role this function requires (roles: docs/deployment.md).`,
  EnforcedPause: () => 'The module is paused by the guardian; governance must unpause it.',
  // ERC-20 and ERC-721
  ERC20InsufficientBalance: ([account, balance, needed]) =>
    `${account} holds ${formatEther(balance as bigint)} tokens but ${formatEther(needed as bigint)} are needed.`,
  ERC20InsufficientAllowance: ([spender, allowance, needed]) =>
    `${spender} may spend ${formatEther(allowance as bigint)} tokens but ${formatEther(needed as bigint)} are needed: approve first.`,
  NotOwnerNorApproved: () => 'The sender is neither the owner of this token nor approved for it.',
  TokenDoesNotExist: () => 'No such token.',
}

/**
 * A protocol contract reverted with a custom error. `errorName` and `args` are the decoded error;
 * `shortMessage` says in words what went wrong.
 *
 * @example
 * try {
 *   await daimm.registry.register({ ... })
 * } catch (error) {
 *   if (error instanceof ContractError && error.errorName === 'AlreadyRegistered') ...
 * }
 */
export class ContractError extends DaimmError {
  override name = 'ContractError'
  readonly errorName: string
  readonly args: Args
  readonly data: Hex | undefined

  constructor({
    errorName,
    args,
    data,
    functionName,
    cause,
  }: {
    errorName: string
    args: Args
    data: Hex | undefined
    functionName: string
    cause: unknown
  }) {
    const explain = explanations[errorName]
    const shown = args.map((arg) => (typeof arg === 'bigint' ? arg.toString() : String(arg)))
    super(
      explain ? explain(args) : `${functionName} reverted with ${errorName}(${shown.join(', ')}).`,
      {
        cause,
        metaMessages: [
          `Contract error: ${errorName}(${shown.join(', ')})`,
          `Function: ${functionName}`,
        ],
      },
    )
    this.errorName = errorName
    this.args = args
    this.data = data
  }
}

/**
 * Turns a viem error from a contract call into a `ContractError` when the contract reverted with a
 * decodable custom error; anything else is returned unchanged.
 */
export function toContractError(error: unknown, functionName: string): unknown {
  if (!(error instanceof ViemBaseError)) return error
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data) return error
  return new ContractError({
    errorName: reverted.data.errorName,
    args: reverted.data.args ?? [],
    data: reverted.raw,
    functionName,
    cause: error,
  })
}
