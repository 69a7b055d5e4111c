import type { Hex } from 'viem'
import type { Model } from '../../actions/registry/types.js'
import { royaltySplitterAbi } from '../../generated/contracts.js'
import { existingModel } from '../chain-command.js'
import type { Artifact } from './artifacts.js'
import type { Actor } from './chain.js'
import { type Story, short } from './story.js'

export type Registered = {
  model: Model
  child: Model
  /** The child's ancestors, nearest first, as the registry reads them. */
  lineage: readonly Hex[]
}

/**
 * Step 2: the publisher registers the bundled model, and the fine-tuner its child with the model as
 * parent. Both use the front-running-safe path: commit to the fingerprint, register a block later.
 */
export async function registerModels(story: Story): Promise<Registered> {
  const { cast, artifacts, log } = story
  const { model, modelCard, child, childCard } = artifacts
  log(`  ${model.name}  ${model.bytes.length.toLocaleString('en-US')} bytes  CID ${model.cid}`)
  log(`    fingerprint (model id) ${model.fingerprint}`)
  const modelId = await commitAndRegister(story, cast.publisher, model, modelCard)
  log(`  ${cast.publisher.name} registered it (commit, then register a block later)`)

  const childId = await commitAndRegister(story, cast.fineTuner, child, childCard, modelId)
  log(`  ${child.name}  CID ${child.cid}`)
  log(
    `    id ${short(child.fingerprint)}, fine-tune of ${short(modelId)}, by ${cast.fineTuner.name}`,
  )

  const { registry } = cast.operator.daimm
  const [registered, registeredChild, lineage] = await Promise.all([
    existingModel(cast.operator.daimm, modelId),
    existingModel(cast.operator.daimm, childId),
    registry.getLineage({ id: childId }),
  ])
  return { model: registered, child: registeredChild, lineage }
}

async function commitAndRegister(
  { chain }: Story,
  owner: Actor,
  artifact: Artifact,
  card: Artifact,
  parent?: Hex,
): Promise<Hex> {
  const { registry } = owner.daimm
  const { salt } = await registry.commit({ fingerprint: artifact.fingerprint })
  // A commitment is usable from the block after its own; on a devnet nobody else mines one.
  await chain.testClient.mine({ blocks: 1 })
  const { id } = await registry.registerCommitted({
    registration: {
      fingerprint: artifact.fingerprint,
      artifactCid: artifact.cid,
      metadataCid: card.cid,
      ...(parent ? { parent, relation: 'fine-tune' as const } : {}),
    },
    salt,
  })
  return id
}

export type Splits = {
  /** Each model's recipients with their weight and share of what reaches the split. */
  model: readonly { actor: Actor; weight: number }[]
  child: readonly { actor: Actor; weight: number }[]
  /** Share of every deposit forwarded to the parent's split, in basis points. */
  upstreamBps: number
}

/**
 * Step 3: the owners make their splits take DAIMM and set the recipients: the parent pays its
 * publisher; the child pays the fine-tuner 3 parts and the curator 1.
 */
export async function setSplits(story: Story, { model, child }: Registered): Promise<Splits> {
  const { cast, chain, log } = story
  const { token } = chain.deployment.contracts
  const { publisher, fineTuner, curator } = cast
  const splits = {
    model: [{ actor: publisher, weight: 1 }],
    child: [
      { actor: fineTuner, weight: 3 },
      { actor: curator, weight: 1 },
    ],
  }
  const configure = async (owner: Actor, id: Hex, recipients: Splits['model']) => {
    await owner.daimm.royalties.acceptToken({ modelId: id, token })
    await owner.daimm.royalties.setWeights({
      modelId: id,
      recipients: recipients.map(({ actor, weight }) => ({ account: actor.address, weight })),
    })
  }
  await Promise.all([
    configure(publisher, model.id, splits.model),
    configure(fineTuner, child.id, splits.child),
  ])
  // Read back what the splitter holds.
  const read = await cast.operator.daimm.royalties.getSplit({
    modelId: child.id,
    accounts: splits.child.map(({ actor }) => actor.address),
  })
  const shares = read.weights
    .map(({ weight }, i) => `${splits.child[i]?.actor.name} ${weight}/${read.totalWeight}`)
    .join(', ')
  log(`  ${short(model.id)} (parent) pays ${publisher.name} 1/1, in DAIMM`)
  log(`  ${short(child.id)} (child) pays ${shares}, in DAIMM`)
  const upstreamBps = await upstreamShare(story)
  log(`  ${upstreamBps / 100}% of every deposit to the child goes upstream to the parent's split`)
  return { ...splits, upstreamBps }
}

async function upstreamShare({ chain }: Story): Promise<number> {
  const [bps] = await chain.publicClient.readContract({
    address: chain.deployment.contracts.splitter,
    abi: royaltySplitterAbi,
    functionName: 'upstream',
  })
  return Number(bps)
}
