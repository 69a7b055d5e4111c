/**
 * Seeds a fresh devnet with something to browse: the demo's story (the Iris model, its fine-tune,
 * splits, a scored round with a slashed outlier, a license sold and claimed), then sample models
 * and datasets with cards, lineage, offers and sales. Uses the demo's own steps (sdk/src/cli/demo).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Hex, type LocalAccount, parseEther, sha256 } from 'viem'
import { reviewDocument } from '../../sdk/src/actions/market/review.js'
import type { Relation } from '../../sdk/src/actions/registry/types.js'
import { prepareArtifacts, withMetadata } from '../../sdk/src/cli/demo/artifacts.js'
import { type Actor, connectDemoChain } from '../../sdk/src/cli/demo/chain.js'
import { registerModels, setSplits } from '../../sdk/src/cli/demo/register.js'
import { sellLicense } from '../../sdk/src/cli/demo/sale.js'
import { scoreModel } from '../../sdk/src/cli/demo/scoring.js'
import { castOf, type Story } from '../../sdk/src/cli/demo/story.js'
import {
  depositContentKey,
  encryptContent,
  generateContentKey,
} from '../../sdk/src/licensing/index.js'
import { uploadArtifact } from '../../sdk/src/licensing/upload-artifact.js'
import { createLocalStore, type Deployment, fingerprint } from './sdk.js'

type Sample = {
  name: string
  description: string
  author: string
  tags: string[]
  task: string
  kind?: 'model' | 'dataset'
  /** Index into the samples registered before it, or 'iris' for the demo's model. */
  parent?: number | 'iris'
  relation?: Relation
  /** DAIMM. */
  price?: string
  sales?: number
}

const SAMPLES: Sample[] = [
  {
    name: 'iris-mlp-int8',
    description: 'iris-mlp quantized to int8 for microcontrollers',
    author: 'edge-lab',
    tags: ['iris', 'tabular', 'int8'],
    task: 'tabular-classification',
    parent: 'iris',
    relation: 'quantized',
    price: '25',
    sales: 1,
  },
  {
    name: 'iris-features-2026',
    description: 'Iris flower measurements, cleaned and deduplicated, with a held-out test split',
    author: 'open-botany',
    tags: ['iris', 'tabular', 'dataset'],
    task: 'tabular-classification',
    kind: 'dataset',
    price: '5',
  },
  {
    name: 'sentiment-base',
    description:
      'Sentence-level sentiment classifier (positive, negative, neutral) for English product reviews',
    author: 'nlp-collective',
    tags: ['nlp', 'sentiment', 'english'],
    task: 'text-classification',
    price: '120',
    sales: 2,
  },
  {
    name: 'sentiment-base-finance',
    description: 'sentiment-base fine-tuned on earnings-call transcripts and financial news',
    author: 'quant-nlp',
    tags: ['nlp', 'sentiment', 'finance'],
    task: 'text-classification',
    parent: 2,
    relation: 'fine-tune',
    price: '300',
  },
  {
    name: 'sentiment-tiny',
    description: 'sentiment-base distilled into a 4-layer student for mobile inference',
    author: 'nlp-collective',
    tags: ['nlp', 'sentiment', 'mobile'],
    task: 'text-classification',
    parent: 2,
    relation: 'distilled',
    price: '40',
    sales: 1,
  },
  {
    name: 'digits-cnn',
    description:
      'Small convolutional network recognizing handwritten digits (MNIST-style, 28x28 grayscale)',
    author: 'vision-basics',
    tags: ['vision', 'digits', 'cnn'],
    task: 'image-classification',
    price: '60',
  },
  {
    name: 'digits-cnn-lora',
    description: 'Low-rank adapter of digits-cnn for house-number photographs',
    author: 'street-vision',
    tags: ['vision', 'digits', 'adapter'],
    task: 'image-classification',
    parent: 5,
    relation: 'adapter',
  },
  {
    name: 'churn-gbdt',
    description: 'Gradient-boosted trees predicting subscription churn from usage features',
    author: 'tabular-works',
    tags: ['tabular', 'churn', 'gbdt'],
    task: 'tabular-classification',
    price: '80',
  },
  {
    name: 'speech-commands-kws',
    description:
      'Keyword spotting for 12 spoken commands (yes, no, up, down, left, right, on, off, stop, go)',
    author: 'audio-lab',
    tags: ['audio', 'keyword-spotting'],
    task: 'audio-classification',
  },
  {
    name: 'multilingual-merge',
    description:
      'Merge of sentiment-base-finance and sentiment-tiny weights for a multilingual review classifier',
    author: 'merge-kit-fans',
    tags: ['nlp', 'merge', 'multilingual'],
    task: 'text-classification',
    parent: 3,
    relation: 'merge',
    price: '150',
  },
]

export type SeedParameters = {
  rpcUrl: string
  deployment: Deployment
  /** The repo checkout (bundled model, benchmark). */
  root: string
  /** The local content store the cards go to (the gateway reads them back from it). */
  storeDir: string
  log: (line: string) => void
}

export async function seedMarketplace({ rpcUrl, deployment, root, storeDir, log }: SeedParameters) {
  const chain = await connectDemoChain(rpcUrl, deployment)
  const cast = castOf(chain)
  const store = createLocalStore({ directory: storeDir })
  const artifacts = await prepareArtifacts(root, store)
  const story: Story = { chain, cast, artifacts, store, log: () => {} }
  // Every actor is an anvil dev account the local genesis gave 1,000,000 DAIMM: nobody is funded by the treasury.
  log('  the demo: the Iris model and its fine-tune, splits, a scoring round, a license sold')
  const registered = await registerModels(story)
  await setSplits(story, registered)
  await scoreModel(story, registered.model.id)
  await sellLicense(story, registered)
  // The buyer, now a licensee, reviews what it bought (the text is a document in the store).
  const reviewBy = async (buyer: Actor, modelId: Hex, rating: number, text: string) => {
    const document = reviewDocument({ model: modelId, rating, text, reviewer: buyer.address })
    const { cid } = await store.put(document)
    await buyer.daimm.market.review({ modelId, rating, reviewCid: cid })
  }
  await reviewBy(cast.buyer, registered.child.id, 5, 'The fine-tune does what its card says.')

  log(`  ${SAMPLES.length} sample models and datasets with cards, lineage, offers and sales`)
  const owners: Actor[] = [cast.publisher, cast.fineTuner, cast.curator]
  const ids: Hex[] = []
  const json = (v: unknown) => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`)
  for (const [i, sample] of SAMPLES.entries()) {
    const owner = owners[i % owners.length] as Actor
    const weights = new TextEncoder().encode(`${sample.name}: sample weights (not a real model)\n`)
    const artifact = await store.put(weights)
    const card = await store.put(
      json({
        name: sample.name,
        description: sample.description,
        author: sample.author,
        tags: sample.tags,
        task: sample.task,
        license: 'DAIMM marketplace licenses',
        artifact: artifact.cid.toString(),
      }),
    )
    const parent =
      sample.parent === 'iris'
        ? registered.model.id
        : sample.parent === undefined
          ? undefined
          : ids[sample.parent]
    const { id } = await owner.daimm.registry.register({
      registration: {
        fingerprint: await fingerprint(weights),
        artifactCid: artifact.cid,
        metadataCid: card.cid,
        kind: sample.kind ?? 'model',
        ...(parent ? { parent, relation: sample.relation ?? 'fine-tune' } : {}),
      },
    })
    ids.push(id)
    if (sample.price) {
      const price = parseEther(sample.price)
      const { offerId } = await owner.daimm.market.publishOffer({
        terms: {
          modelId: id,
          price,
          token: deployment.contracts.token,
          commercial: i % 2 === 0,
          ...(i % 3 === 0 ? { duration: 30n * 86_400n } : {}),
          termsCid: artifacts.licenseTerms.cid,
        },
      })
      for (let n = 0; n < (sample.sales ?? 0); n++)
        await cast.buyer.daimm.market.buyLicense({ offerId, maxPrice: price })
      if (sample.sales) {
        const rating = 2 + (i % 4)
        await reviewBy(cast.buyer, id, rating, `${sample.name}: ${rating} of 5 in our tests.`)
      }
    }
  }
  return { modelId: registered.model.id, childId: registered.child.id, samples: ids }
}

/** The licensed model's name: the Iris model behind encryption (tests look it up by name). */
export const LICENSED_MODEL_NAME = 'iris-mlp-licensed'

export type SeedLicensedModelParameters = Omit<SeedParameters, 'log'> & {
  /** The running gateway, with licensing on (a master key): it keeps the ciphertext and the key. */
  gatewayUrl: string
  log: (line: string) => void
}

/**
 * An encrypted model for sale, made with the SDK's own licensing actions as a publisher would:
 * encrypt (daimm-aead-v1, a fresh content key), upload the ciphertext to the gateway, register it
 * (the artifact CID is the ciphertext's, the id the plaintext's SHA-256), deposit the content key
 * with the gateway, and publish an offer. The model is the demo's Iris network in a file of its
 * own, so a licensee can evaluate it in the browser on the Iris benchmark after key release; its
 * card says it is encrypted and names that benchmark.
 */
export async function seedLicensedModel({
  rpcUrl,
  deployment,
  root,
  storeDir,
  gatewayUrl,
  log,
}: SeedLicensedModelParameters) {
  const chain = await connectDemoChain(rpcUrl, deployment)
  const { publisher } = castOf(chain)
  const store = createLocalStore({ directory: storeDir })
  const artifacts = await prepareArtifacts(root, store)
  const plaintext = withMetadata(artifacts.model.bytes, { 'daimm.licensing': 'daimm-aead-v1' })
  const modelId = sha256(plaintext)
  const contentKey = generateContentKey()
  // The dev accounts are local accounts (private keys).
  const signer = publisher.account as LocalAccount
  const as = { gatewayUrl, signer, chainId: deployment.chainId }
  const directory = await mkdtemp(join(tmpdir(), 'daimm-seed-licensed-'))
  try {
    const parts: Uint8Array[] = []
    for await (const chunk of encryptContent(plaintext, contentKey)) parts.push(chunk)
    const path = join(directory, `${LICENSED_MODEL_NAME}.onnx.enc`)
    await writeFile(path, Buffer.concat(parts))
    const { cid } = await uploadArtifact({ ...as, path })
    const card = await store.put(
      new TextEncoder().encode(
        `${JSON.stringify(
          {
            name: LICENSED_MODEL_NAME,
            description:
              'The Iris classifier, licensed: the artifact is encrypted, and the gateway releases its key to license holders only',
            author: 'daimm-demo',
            tags: ['iris', 'tabular', 'licensed', 'encrypted'],
            task: 'tabular-classification',
            license:
              'DAIMM marketplace licenses; encrypted (daimm-aead-v1), key released to licensees',
            artifact: cid,
            encryption: { format: 'daimm-aead-v1', keyRelease: 'gateway' },
            benchmarks: [{ datasetCid: artifacts.benchmark.cid.toString(), metric: 'accuracy' }],
          },
          null,
          2,
        )}\n`,
      ),
    )
    await publisher.daimm.registry.register({
      registration: { fingerprint: modelId, artifactCid: cid, metadataCid: card.cid },
    })
    await depositContentKey({ ...as, modelId, contentKey })
    await publisher.daimm.market.publishOffer({
      terms: {
        modelId,
        price: parseEther('15'),
        token: deployment.contracts.token,
        commercial: true,
        termsCid: artifacts.licenseTerms.cid,
      },
    })
    log(`  ${LICENSED_MODEL_NAME}: an encrypted model for sale, its key deposited with the gateway`)
    return { modelId, artifactCid: cid }
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}
