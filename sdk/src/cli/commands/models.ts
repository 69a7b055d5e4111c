import type { Address, Hex } from 'viem'
import {
  type AssetKind,
  assetKinds,
  type Model,
  type ModelStatus,
  modelStatuses,
} from '../../actions/registry/types.js'
import { modelRegistryAbi } from '../../generated/contracts.js'
import { chainHelp, connectChain } from '../chain.js'
import {
  chainCommand,
  formatDate,
  noPositionals,
  outputHelp,
  parseAddress,
  parseModelId,
  shortHex,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { formatReputation, formatTable } from '../format.js'
import { scanEvents } from '../logs.js'
import { parseWholeNumber } from '../parse-flags.js'

const usage =
  'daimm models [--owner <address>] [--kind model|dataset] [--parent <id>] [--min-score <n>] [options]'

const help = `Usage: ${usage}

Lists the models and datasets in the registry, oldest first, with their current owner, status,
latest score, licensees' rating (average stars and number of reviews) and the owner's reputation
(the moving average of its subjects' consensus scores, as a percentage; 50% before any round). Without an indexer: it reads the registry's ModelRegistered events from the
deployment's start block, then each record's current state.

Options:
  --owner <address>      only those the address owns now
  --kind <kind>          only ${assetKinds.join(' or only ')}
  --parent <id>          only those derived directly from this model id
  --min-score <n>        only those whose latest evaluation scored at least n (1–100)
  --status <status>      only ${modelStatuses.join(', ')}
${chainHelp}
${outputHelp}

Examples:
  daimm models
  daimm models --owner 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 --min-score 80
  daimm models --parent 0x5f1c…e9 --json
`

export const modelsCommand = chainCommand({
  name: 'models',
  summary: 'List registered models; filter by owner, kind, parent or score',
  help,
  options: {
    owner: { type: 'string' },
    kind: { type: 'string' },
    parent: { type: 'string' },
    'min-score': { type: 'string' },
    status: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    noPositionals('models', positionals, usage)
    const owner = values.owner === undefined ? undefined : parseAddress('--owner', values.owner)
    const kind = oneOf('--kind', values.kind, assetKinds)
    const status = oneOf('--status', values.status, modelStatuses)
    const parent = values.parent === undefined ? undefined : parseModelId('--parent', values.parent)
    const minScore =
      values['min-score'] === undefined
        ? undefined
        : parseWholeNumber('--min-score', values['min-score'], '80')
    if (minScore !== undefined && minScore > 100)
      throw new CliUsageError(`--min-score is at most 100 (scores run 1–100), not ${minScore}.`)

    const { daimm, publicClient, deployment, chainId } = await connectChain(values, io, {
      command: 'models',
    })
    const registered = await scanEvents(publicClient, {
      address: deployment.contracts.registry,
      abi: modelRegistryAbi,
      eventName: 'ModelRegistered',
      args: parent === undefined ? undefined : { parent: BigInt(parent) },
      fromBlock: BigInt(deployment.startBlock),
    })
    // A superseded registration emits the event again for the same id: list each id once.
    const ids = [...new Set(registered.map(({ args }) => args.id as bigint))]
    const models: Model[] = []
    for (let i = 0; i < ids.length; i += 16)
      for (const model of await Promise.all(
        ids.slice(i, i + 16).map((id) => daimm.registry.getModel({ id })),
      ))
        if (model) models.push(model)
    const matching = models.filter((model) =>
      matches(model, { owner, kind, status, parent, minScore }),
    )

    // Reputation belongs to the owner (the contributor scoring rewards): one read per owner.
    const owners = [...new Set(matching.map((model) => model.owner))]
    const reputations = new Map(
      await Promise.all(
        owners.map(
          async (contributor) =>
            [contributor, await daimm.scoring.getReputation({ contributor })] as const,
        ),
      ),
    )
    if (values.json) {
      writeJson(io, {
        chainId,
        registry: deployment.contracts.registry,
        models: matching.map((model) => ({
          ...modelJson(model),
          ownerReputation: reputations.get(model.owner) ?? null,
        })),
      })
      return ExitCode.ok
    }
    if (matching.length === 0) {
      io.stdout.write(
        models.length === 0
          ? `No models are registered on chain ${chainId} yet.\n`
          : `None of the ${models.length} registered models match.\n`,
      )
      return ExitCode.ok
    }
    const heading = `${matching.length} of ${models.length} registered model${models.length === 1 ? '' : 's'} on chain ${chainId}`
    io.stdout.write(
      `${heading}\n${formatTable(
        ['id', 'kind', 'score', 'rating', 'status', 'owner', 'reputation', 'parent', 'registered'],
        matching.map((model) => [
          model.id,
          model.kind,
          model.evaluation ? String(model.evaluation.score) : '—',
          formatRating(model.rating),
          model.status,
          shortHex(model.owner),
          formatReputation(reputations.get(model.owner) ?? 5000),
          model.parent ? `${shortHex(model.parent)} (${model.relation})` : '—',
          formatDate(model.registeredAt),
        ]),
      )}\n`,
    )
    return ExitCode.ok
  },
})

function matches(
  model: Model,
  filter: {
    owner?: Address | undefined
    kind?: AssetKind | undefined
    status?: ModelStatus | undefined
    parent?: Hex | undefined
    minScore?: number | undefined
  },
): boolean {
  if (filter.owner !== undefined && model.owner.toLowerCase() !== filter.owner.toLowerCase())
    return false
  if (filter.kind !== undefined && model.kind !== filter.kind) return false
  if (filter.status !== undefined && model.status !== filter.status) return false
  if (filter.parent !== undefined && model.parent !== filter.parent) return false
  if (filter.minScore !== undefined && (model.evaluation?.score ?? 0) < filter.minScore)
    return false
  return true
}

/** A model in the JSON output. */
export function modelJson(model: Model) {
  return {
    id: model.id,
    owner: model.owner,
    kind: model.kind,
    status: model.status,
    parent: model.parent,
    relation: model.relation,
    artifactCid: model.artifactCid,
    metadataCid: model.metadataCid,
    registeredAt: model.registeredAt,
    committed: model.committed,
    score: model.evaluation?.score ?? null,
    rating: model.rating,
    evaluation: model.evaluation && {
      score: model.evaluation.score,
      roundId: model.evaluation.roundId,
      benchmarkId: model.evaluation.benchmarkId,
      evaluatedAt: model.evaluation.evaluatedAt,
    },
  }
}

/** `4.5★ (2)`: the average of the licensees' ratings and how many reviewed; `—` without reviews. */
export function formatRating(rating: Model['rating']): string {
  return rating.average === null ? '—' : `${rating.average.toFixed(1)}★ (${rating.count})`
}

function oneOf<const T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if (!allowed.includes(value as T))
    throw new CliUsageError(`${flag} is ${allowed.join(', ')}, not ${JSON.stringify(value)}.`, {
      fix: `For example: ${flag} ${allowed[0]}`,
    })
  return value as T
}
