import { type Address, type Hash, type Hex, zeroAddress } from 'viem'
import {
  modelRegistryAbi,
  royaltySplitterAbi,
  scoringManagerAbi,
} from '../../generated/contracts.js'
import {
  chainHelp,
  connectChain,
  type SignerConnection,
  signerHelp,
  signerOptions,
} from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatRows,
  noPositionals,
  outputHelp,
  parseAddress,
  parseId,
  parseModelId,
  shortHex,
  writeJson,
} from '../chain-command.js'
import { ExitCode } from '../command.js'
import { formatAmount, formatTable } from '../format.js'
import { scanEvents } from '../logs.js'
import { tokenOf } from './buy.js'

/** The splitter's `MAX_CLAIM_MODELS`: models per claim transaction. */
const MODELS_PER_CLAIM = 256

const usage = 'daimm claim [--model <id>]... [--round <id>]... [--token <address|ETH>] [options]'

const help = `Usage: ${usage}

Claims what you have earned, in as few transactions as it takes:
  - royalties: your share of the revenue of models whose split you are in, and the revenue
    credited to you as a model's owner, per payment token (ETH or an ERC-20);
  - scoring rewards: your share of the budget of finalized rounds in which you revealed a score
    within the tolerance band.

With no --model and no --round, it finds everything claimable from the protocol's events (splits
you are in, owner credits, rounds you sat on) and claims it all; finding nothing is not an
error. With --model or --round, it claims exactly those, and fails when they hold nothing.

Options:
  --model <id>           claim royalties on this model (repeatable)
  --round <id>           claim the scoring reward of this round (repeatable)
  --token <address|ETH>  royalties in this token only (default: ETH and every token the models'
                           splits accept)
  --dry-run              list what is claimable, send nothing
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm claim
  daimm claim --dry-run --json
  daimm claim --model 0x5f1c…e9 --token ETH
  daimm claim --round 7 --round 9
`

/** Something claimable: royalties on one model in one token, or one round's reward. */
type Claimable =
  | { kind: 'royalties'; modelId: Hex; token: Address; amount: bigint }
  | { kind: 'reward'; roundId: bigint; amount: bigint }

/** A claim transaction sent. */
type ClaimSent = {
  kind: 'royalties' | 'reward'
  token: Address
  amount: bigint
  modelIds?: Hex[]
  roundIds?: bigint[]
  transaction: Hash
}

export const claimCommand = chainCommand({
  name: 'claim',
  summary: 'Claim royalties and scoring rewards',
  help,
  options: {
    ...signerOptions,
    model: { type: 'string', multiple: true },
    round: { type: 'string', multiple: true },
    token: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    noPositionals('claim', positionals, usage)
    const modelIds = [...new Set((values.model ?? []).map((id) => parseModelId('--model', id)))]
    const roundIds = [
      ...new Set((values.round ?? []).map((id) => parseId('--round', id, '--round 7'))),
    ]
    const token =
      values.token === undefined
        ? undefined
        : values.token.trim().toUpperCase() === 'ETH'
          ? zeroAddress
          : parseAddress('--token', values.token)
    const explicit = modelIds.length > 0 || roundIds.length > 0

    const connection = await connectChain(values, io, { command: 'claim', signer: true })
    const { account, publicClient, deployment } = connection
    const me = account.address
    const claimable: Claimable[] = []
    if (!explicit || modelIds.length > 0)
      claimable.push(
        ...(await claimableRoyalties(
          connection,
          modelIds.length > 0 ? modelIds : await royaltyModels(connection),
          token,
        )),
      )
    if (!explicit || roundIds.length > 0)
      claimable.push(
        ...(await claimableRewards(
          connection,
          roundIds.length > 0 ? roundIds : await memberRounds(connection),
        )),
      )
    if (explicit && claimable.length === 0)
      throw new CliFailure(
        `${me} has nothing to claim on ${[
          ...modelIds.map((id) => `model ${shortHex(id)}`),
          ...roundIds.map((id) => `round ${id}`),
        ].join(', ')}${token === undefined ? '' : ` in ${token === zeroAddress ? 'ETH' : token}`}.`,
      )

    const tokens = new Map<Address, { symbol: string; decimals: number }>()
    tokens.set(deployment.contracts.token, { symbol: 'DAIMM', decimals: 18 })
    for (const item of claimable)
      if (item.kind === 'royalties' && !tokens.has(item.token))
        tokens.set(item.token, await tokenOf(publicClient, item.token))
    const show = (amount: bigint, address: Address) => {
      const { symbol, decimals } = tokens.get(address) ?? { symbol: address, decimals: 0 }
      return `${formatAmount(amount, decimals)} ${symbol}`
    }

    const sent = values['dry-run'] ? [] : await claimAll(connection, claimable)
    if (values.json) {
      writeJson(io, {
        account: me,
        dryRun: values['dry-run'] === true,
        claimable: claimable.map((item) =>
          item.kind === 'royalties' ? item : { ...item, token: deployment.contracts.token },
        ),
        claims: sent,
      })
      return ExitCode.ok
    }
    if (claimable.length === 0) {
      io.stdout.write(`Nothing to claim for ${me}.\n`)
      return ExitCode.ok
    }
    const table = formatTable(
      ['what', 'amount'],
      claimable.map((item) =>
        item.kind === 'royalties'
          ? [`royalties on model ${item.modelId}`, show(item.amount, item.token)]
          : [`reward of round ${item.roundId}`, show(item.amount, deployment.contracts.token)],
      ),
    )
    if (values['dry-run']) {
      io.stdout.write(`Claimable by ${me} (nothing sent: --dry-run)\n${table}\n`)
      return ExitCode.ok
    }
    io.stdout.write(
      `Claimed for ${me}\n${table}\n\n${formatRows(
        sent.map((claim) => [
          'transaction',
          `${claim.transaction} (${show(claim.amount, claim.token)})`,
        ]),
      )}\n`,
    )
    return ExitCode.ok
  },
})

/** Models whose split the sender is in, or on which it was credited as the owner. */
async function royaltyModels({
  publicClient,
  deployment,
  account,
}: SignerConnection): Promise<Hex[]> {
  const splitter = { address: deployment.contracts.splitter, abi: royaltySplitterAbi } as const
  const fromBlock = BigInt(deployment.startBlock)
  const [weights, credits, registered] = await Promise.all([
    scanEvents(publicClient, {
      ...splitter,
      eventName: 'WeightSet',
      args: { account: account.address },
      fromBlock,
    }),
    scanEvents(publicClient, {
      ...splitter,
      eventName: 'OwnerCredited',
      args: { owner: account.address },
      fromBlock,
    }),
    // Owners are credited the revenue of models with an empty split.
    scanEvents(publicClient, {
      address: deployment.contracts.registry,
      abi: modelRegistryAbi,
      eventName: 'Transfer',
      args: { to: account.address },
      fromBlock,
    }),
  ])
  const ids = [
    ...weights.map(({ args }) => args.modelId as bigint),
    ...credits.map(({ args }) => args.modelId as bigint),
    ...registered.map(({ args }) => args.id as bigint),
  ]
  return [...new Set(ids)].map((id) => `0x${id.toString(16).padStart(64, '0')}` as Hex)
}

/** What each model owes the sender, in `token` or in every token its split accepts and ETH. */
async function claimableRoyalties(
  { daimm, account }: SignerConnection,
  modelIds: readonly Hex[],
  token: Address | undefined,
): Promise<Claimable[]> {
  const found: Claimable[] = []
  for (const modelId of modelIds) {
    const tokens =
      token !== undefined
        ? [token]
        : [
            ...new Set([
              zeroAddress,
              ...(await daimm.royalties.getSplit({ modelId })).acceptedTokens,
            ]),
          ]
    for (const each of tokens) {
      const amount = await daimm.royalties.getClaimable({
        modelId,
        account: account.address,
        token: each,
      })
      if (amount > 0n) found.push({ kind: 'royalties', modelId, token: each, amount })
    }
  }
  return found
}

/** Rounds the sender was drawn into. */
async function memberRounds({
  publicClient,
  deployment,
  account,
}: SignerConnection): Promise<bigint[]> {
  const drawn = await scanEvents(publicClient, {
    address: deployment.contracts.scoring,
    abi: scoringManagerAbi,
    eventName: 'MemberDrawn',
    args: { validator: account.address },
    fromBlock: BigInt(deployment.startBlock),
  })
  return [...new Set(drawn.map(({ args }) => args.roundId as bigint))]
}

async function claimableRewards(
  { daimm, account }: SignerConnection,
  roundIds: readonly bigint[],
): Promise<Claimable[]> {
  const found: Claimable[] = []
  for (const roundId of roundIds) {
    const amount = await daimm.scoring.getReward({ roundId, validator: account.address })
    if (amount > 0n) found.push({ kind: 'reward', roundId, amount })
  }
  return found
}

/** One claim per token for royalties (256 models at most each), one for all rewards. */
async function claimAll(
  { daimm, deployment }: SignerConnection,
  claimable: readonly Claimable[],
): Promise<ClaimSent[]> {
  const sent: ClaimSent[] = []
  const byToken = new Map<Address, Hex[]>()
  for (const item of claimable)
    if (item.kind === 'royalties')
      byToken.set(item.token, [...(byToken.get(item.token) ?? []), item.modelId])
  for (const [token, ids] of byToken)
    for (let i = 0; i < ids.length; i += MODELS_PER_CLAIM) {
      const modelIds = ids.slice(i, i + MODELS_PER_CLAIM)
      const { amount, hash } = await daimm.royalties.claim({ modelIds, token })
      sent.push({ kind: 'royalties', token, amount, modelIds, transaction: hash })
    }
  const roundIds = claimable.flatMap((item) => (item.kind === 'reward' ? [item.roundId] : []))
  if (roundIds.length > 0) {
    const { amount, hash } = await daimm.scoring.claim({ roundIds })
    sent.push({
      kind: 'reward',
      token: deployment.contracts.token,
      amount,
      roundIds,
      transaction: hash,
    })
  }
  return sent
}
