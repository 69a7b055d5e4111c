import { type Address, getAddress, zeroAddress } from 'viem'
import type { Offer } from '../../actions/market/types.js'
import { marketplaceAbi, modelRegistryAbi } from '../../generated/contracts.js'
import { chainHelp, connectChain } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatDate,
  formatRows,
  onePositional,
  outputHelp,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { ExitCode } from '../command.js'
import { contentHelp, contentReaderOf } from '../content.js'
import { formatAmount, formatDuration, formatReputation } from '../format.js'
import { scanEvents } from '../logs.js'
import { formatRating, modelJson } from './models.js'

const usage = 'daimm model <id> [--store <dir>] [--gateway <url>] [options]'

const help = `Usage: ${usage}

Shows one model or dataset: its model card (name, description, author; read from a content store
or gateway, verified against its CID), owner and the owner's reputation, lineage, every
evaluation the registry recorded, the licensees' rating, and its open offers.

Arguments:
  <id>                   the model id: 0x and 64 hex digits (the file's SHA-256)

Options:
${contentHelp}
                         (without either, the card's CID is shown but not read)
${chainHelp}
${outputHelp}

Examples:
  daimm model 0x5f1c…e9
  daimm model 0x5f1c…e9 --gateway http://127.0.0.1:8080 --json
`

/** What a model card may say; every field is optional. */
type Card = { name?: unknown; description?: unknown; author?: unknown; license?: unknown }

export const modelCommand = chainCommand({
  name: 'model',
  summary: 'Show one model: card, lineage, evaluation, reputation, offers and rating',
  help,
  options: { store: { type: 'string' }, gateway: { type: 'string' } },
  async run({ values, positionals }, io) {
    const id = parseModelId(
      'The model id',
      onePositional('model', positionals, 'a model id', usage),
    )
    const reader =
      values.store === undefined && values.gateway === undefined
        ? undefined
        : contentReaderOf(values, io, 'model')
    const { daimm, publicClient, deployment, chainId } = await connectChain(values, io, {
      command: 'model',
    })
    const model = await daimm.registry.getModel({ id })
    if (!model) throw new CliFailure(`No model is registered under id ${id}.`)
    const fromBlock = BigInt(deployment.startBlock)
    const [lineage, reputation, evaluations, published] = await Promise.all([
      daimm.registry.getLineage({ id }),
      daimm.scoring.getReputation({ contributor: model.owner }),
      scanEvents(publicClient, {
        address: deployment.contracts.registry,
        abi: modelRegistryAbi,
        eventName: 'EvaluationRecorded',
        args: { id: BigInt(id) },
        fromBlock,
      }),
      scanEvents(publicClient, {
        address: deployment.contracts.market,
        abi: marketplaceAbi,
        eventName: 'OfferPublished',
        args: { modelId: BigInt(id) },
        fromBlock,
      }),
    ])
    const offers = (
      await Promise.all(
        published.map(({ args }) => daimm.market.getOffer({ offerId: args.offerId as bigint })),
      )
    ).filter(
      (offer): offer is Offer =>
        offer !== null &&
        !offer.cancelled &&
        (offer.supplyCap === 0 || offer.sold < offer.supplyCap),
    )
    const card = reader ? await readCard(reader, model.metadataCid) : undefined
    const history = evaluations.map(({ args, blockNumber }) => ({
      roundId: args.roundId as bigint,
      benchmarkId: args.benchmarkId as `0x${string}`,
      score: Number(args.score),
      blockNumber,
    }))

    if (values.json) {
      writeJson(io, {
        chainId,
        ...modelJson(model),
        lineage,
        reputation: { owner: model.owner, bps: reputation },
        card: card ?? null,
        evaluations: history,
        offers: offers.map((offer) => ({ ...offer, token: tokenName(offer.token, deployment) })),
      })
      return ExitCode.ok
    }
    const rows: [string, string][] = []
    if (card && 'fields' in card) {
      for (const key of ['name', 'description', 'author', 'license'] as const)
        if (typeof card.fields[key] === 'string') rows.push([key, card.fields[key] as string])
    } else if (card) rows.push(['card', `${model.metadataCid} (${card.error})`])
    rows.push(
      ['kind', `${model.kind}, ${model.status}`],
      ['owner', `${model.owner} (reputation ${formatReputation(reputation)})`],
      ['artifact', model.artifactCid],
      ['card', model.metadataCid],
      ['registered', `${formatDate(model.registeredAt)}${model.committed ? '' : ' (uncommitted)'}`],
    )
    if (model.parent) rows.push(['parent', `${model.parent} (${model.relation})`])
    if (lineage.length > 1)
      rows.push(['lineage', `${lineage.length} ancestors, root ${lineage.at(-1)}`])
    rows.push(['rating', formatRating(model.rating)])
    rows.push([
      'evaluation',
      model.evaluation
        ? `${model.evaluation.score} (round ${model.evaluation.roundId}, ${formatDate(model.evaluation.evaluatedAt)})`
        : 'none yet',
    ])
    for (const { roundId, score, benchmarkId } of history.slice(0, -1).reverse())
      rows.push(['earlier', `${score} (round ${roundId}, benchmark ${benchmarkId.slice(0, 10)}…)`])
    if (offers.length === 0) rows.push(['offers', 'none open'])
    for (const offer of offers) rows.push([`offer ${offer.id}`, describeOffer(offer, deployment)])
    io.stdout.write(
      `${model.kind === 'dataset' ? 'Dataset' : 'Model'} ${id}\n${formatRows(rows)}\n`,
    )
    return ExitCode.ok
  },
})

async function readCard(
  reader: ReturnType<typeof contentReaderOf>,
  cid: string,
): Promise<{ fields: Card } | { error: string }> {
  let bytes: Uint8Array
  try {
    bytes = await reader.get(cid)
  } catch (error) {
    return {
      error: `not read: ${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}`,
    }
  }
  try {
    const fields = JSON.parse(new TextDecoder().decode(bytes))
    return typeof fields === 'object' && fields !== null
      ? { fields }
      : { error: 'not a JSON object' }
  } catch {
    return { error: 'not JSON' }
  }
}

function tokenName(token: Address, deployment: { contracts: { token: Address } }): string {
  if (token === zeroAddress) return 'ETH'
  return getAddress(token) === getAddress(deployment.contracts.token) ? 'DAIMM' : token
}

function describeOffer(offer: Offer, deployment: { contracts: { token: Address } }): string {
  const token = tokenName(offer.token, deployment)
  const price = token.startsWith('0x')
    ? `${offer.price} units of ${token}`
    : `${formatAmount(offer.price, 18)} ${token}`
  const term = offer.duration === 0n ? 'perpetual' : formatDuration(offer.duration)
  const supply =
    offer.supplyCap === 0 ? '' : `, ${offer.supplyCap - offer.sold} of ${offer.supplyCap} left`
  return `${price}, ${term}, ${offer.commercial ? 'commercial' : 'non-commercial'}${supply}${offer.signed ? ', signed (buy with --signed)' : ''}`
}
