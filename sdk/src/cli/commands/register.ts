import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Address, Hash, Hex } from 'viem'
import { registrationCommitment } from '../../actions/registry/commitRegistration.js'
import {
  type AssetKind,
  assetKinds,
  type Registration,
  type Relation,
  relations,
} from '../../actions/registry/types.js'
import { randomSalt } from '../../actions/salt.js'
import { computeCid } from '../../cid/compute-cid.js'
import { FileReadError } from '../../cid/errors.js'
import { hashArtifactFile } from '../../cid/file.js'
import { type CidProfile, cidProfiles } from '../../cid/import-settings.js'
import type { CID } from '../../cid/index.js'
import { parseCid } from '../../cid/parse-cid.js'
import { modelRegistryAbi } from '../../generated/contracts.js'
import { encryptContent, generateContentKey } from '../../licensing/content-encryption.js'
import { depositContentKey } from '../../licensing/deposit-content-key.js'
import { uploadArtifact } from '../../licensing/upload-artifact.js'
import { createKuboStore } from '../../storage/kubo.js'
import { createLocalStore } from '../../storage/local-store.js'
import type { ContentStore } from '../../storage/types.js'
import {
  type ChainIo,
  chainHelp,
  connectChain,
  type SignerConnection,
  signerHelp,
  signerOptions,
} from '../chain.js'
import {
  CliFailure,
  chainCommand,
  existingModel,
  formatRows,
  note,
  onePositional,
  outputHelp,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { formatBytes } from '../format.js'
import { ProgressBar } from '../progress.js'
import { readState, removeState, stateDirOf, stateHelp, writeState } from '../state-dir.js'

const profiles = Object.keys(cidProfiles) as CidProfile[]
const derivations = relations.filter((relation) => relation !== 'none')

/** Files from this size up get a progress bar for hashing and storing (on a terminal). */
const PROGRESS_FROM_BYTES = 1_048_576

const usage = 'daimm register <file> [--metadata <file> | --metadata-cid <cid>] [options]'

const help = `Usage: ${usage}

Registers a model (or dataset) file in the ModelRegistry: computes its fingerprint (SHA-256, the
model id) and IPFS CID, optionally stores it and its model card, then registers it in two
transactions — a commitment that hides the fingerprint, then the registration that reveals it —
so that nobody who sees the pending registration can register the file first. The commitment's
salt is saved in the state directory first, so a run that stops halfway resumes where it was.

A model card (metadata) is required on-chain. Give one with --metadata or --metadata-cid, or a
small JSON card is made from the file (name, kind, fingerprint, CID, size, parent) and stored
with the artifact.

Arguments:
  <file>                 the artifact: an .onnx model, weights, or a dataset

Options:
  --metadata <file>      the model card file: its CID is registered, and it is stored too
  --metadata-cid <cid>   the CID of a model card published already
  --name <text>          the name in the generated card (default: the file's name)
  --kind <kind>          ${assetKinds.join(' or ')} (default model)
  --parent <id>          the model this one derives from (its id, 0x + 64 hex digits)
  --relation <relation>  how it derives: ${derivations.join(', ')} (default fine-tune)
  --store <dir>          put the artifact and the card in this local content store
  --kubo <url>           add the artifact and the card to a Kubo node (RPC API, e.g.
                           http://127.0.0.1:5001), pinned
  --profile <name>       CID settings: ${profiles.join(' or ')} (default ${profiles[0]})
  --no-commit            register in one transaction: cheaper, but FRONT-RUNNABLE (whoever sees
                           it pending can register the same file first); for published files
  --encrypt              encrypt the file with a fresh content key (daimm-aead-v1, see
                           docs/licensing.md): the artifact CID is the ciphertext's, the id stays
                           the plaintext's SHA-256, and the key is deposited with the gateway --api,
                           which releases it to license holders only
  --api <url>            the DAIMM gateway that keeps the key (default $DAIMM_API_URL); the
                           ciphertext is uploaded to it too
  --commercial-only      with --encrypt: the gateway serves commercial licenses only
${stateHelp}
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm register model.onnx --store ~/.daimm/store
  daimm register finetuned.onnx --parent 0x5f1c…e9 --relation fine-tune --metadata card.json
  daimm register data.csv --kind dataset --kubo http://127.0.0.1:5001 --json
  daimm register model.onnx --encrypt --api https://gateway.example --store ~/.daimm/store
`

/** The content key of an encrypted registration not yet deposited (mode 0600 in the state directory). */
type SavedContentKey = { contentKey: string; artifactCid: string }

/** The commitment of a registration in progress, kept in the state directory. */
type PendingRegistration = {
  publisher: Address
  fingerprint: Hex
  salt: Hex
  commitment: Hex
  commitTransaction?: Hash | undefined
}

export const registerCommand = chainCommand({
  name: 'register',
  summary: 'Register a model file: fingerprint, CID, upload, commit then register',
  help,
  options: {
    ...signerOptions,
    metadata: { type: 'string' },
    'metadata-cid': { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string' },
    parent: { type: 'string' },
    relation: { type: 'string' },
    store: { type: 'string' },
    kubo: { type: 'string' },
    profile: { type: 'string' },
    'no-commit': { type: 'boolean' },
    state: { type: 'string' },
    encrypt: { type: 'boolean' },
    api: { type: 'string' },
    'commercial-only': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const path = onePositional('register', positionals, 'a file to register', usage)
    const options = checkOptions(values)
    const env = (io as ChainIo).env ?? process.env
    const stateDir = stateDirOf(values.state, env)

    const connection = await connectChain(values, io, { command: 'register', signer: true })
    const { daimm, account } = connection
    const { size: fileSize } = await stat(path).catch((cause: unknown) => {
      throw new FileReadError({ path, cause })
    })
    const apiUrl = values.api ?? env.DAIMM_API_URL
    if (values.encrypt && !apiUrl)
      throw new CliUsageError('--encrypt needs the gateway that will keep the content key.', {
        fix: 'Pass --api <url> (a DAIMM gateway with licensed content enabled), or set DAIMM_API_URL.',
      })
    if (values['commercial-only'] && !values.encrypt)
      throw new CliUsageError(
        '--commercial-only is a term of an encrypted model: give --encrypt too.',
      )
    let artifact = await withBar(io, `hashing ${basename(path)}`, fileSize, (onProgress) =>
      hashArtifactFile(path, { profile: options.profile, onProgress }),
    )
    const id = artifact.fingerprint
    // Encrypted: the stores get the ciphertext, and the artifact CID is its CID.
    let contentPath = path
    let contentKey: Uint8Array | undefined
    const encryptedPath = join(tmpdir(), `daimm-encrypted-${randomUUID()}`)
    if (values.encrypt) {
      contentKey = generateContentKey()
      await pipeline(
        Readable.from(encryptContent(createReadStream(path), contentKey)),
        createWriteStream(encryptedPath, { mode: 0o600 }),
      )
      const encrypted = await hashArtifactFile(encryptedPath, { profile: options.profile })
      artifact = { ...artifact, cid: encrypted.cid }
      contentPath = encryptedPath
    }
    // The content key is kept in the state directory until the gateway has it: a run that stops
    // after registering deposits it on the next run (the registered ciphertext needs that key).
    const keyPath = pendingPath(connection, stateDir, id).replace(/\.json$/, '.content-key.json')
    try {
      const model = await daimm.registry.getModel({ id })
      if (model) {
        if (model.owner !== account.address)
          throw new CliFailure(
            `${path} is registered already: model ${id} belongs to ${model.owner}.`,
          )
        // Registered earlier without --store: store it now, under the CID the registry holds (not
        // when encrypting: a new run's ciphertext differs from the registered one).
        const stored: string[] = []
        for (const { label, store } of values.encrypt ? [] : storesOf(values)) {
          if (artifact.cid.toString() !== model.artifactCid)
            throw new CliFailure(
              `${path} hashes to ${artifact.cid} here but is registered as ${model.artifactCid}: pass the --profile it was registered with.`,
            )
          const put = await withBar(
            io,
            `storing ${basename(path)} in ${label}`,
            fileSize,
            (onProgress) =>
              store.put(createReadStream(contentPath), { profile: options.profile, onProgress }),
          )
          checkSameCid(put.cid, artifact.cid, label)
          stored.push(label)
        }
        // A run that stopped between registering and depositing the key deposits it now.
        const saved = values.encrypt ? await readState<SavedContentKey>(keyPath) : undefined
        if (saved && apiUrl && saved.artifactCid === model.artifactCid) {
          await depositContentKey({
            gatewayUrl: apiUrl,
            signer: account,
            chainId: connection.chainId,
            modelId: id,
            contentKey: new Uint8Array(Buffer.from(saved.contentKey, 'base64url')),
            commercialOnly: values['commercial-only'] ?? false,
          })
          await removeState(keyPath)
          note(io, values.json, `Deposited the content key saved in ${keyPath} with ${apiUrl}.`)
        }
        return report(io, values.json, {
          id,
          path,
          artifactCid: model.artifactCid,
          metadataCid: model.metadataCid,
          owner: model.owner,
          size: artifact.size,
          alreadyRegistered: true,
          committed: model.committed,
          stored,
          transactions: {},
        })
      }
      // Fail before uploading anything when the parent is not there.
      if (options.parent !== undefined) await existingModel(daimm, options.parent)

      const stores = storesOf(values)
      const stored: string[] = []
      for (const { label, store } of stores) {
        const put = await withBar(
          io,
          `storing ${basename(path)} in ${label}`,
          fileSize,
          (onProgress) =>
            store.put(createReadStream(contentPath), { profile: options.profile, onProgress }),
        )
        checkSameCid(put.cid, artifact.cid, label)
        stored.push(label)
      }
      if (contentKey)
        await writeState(keyPath, {
          contentKey: Buffer.from(contentKey).toString('base64url'),
          artifactCid: artifact.cid.toString(),
        } satisfies SavedContentKey)
      if (contentKey && apiUrl) {
        const uploaded = await uploadArtifact({
          gatewayUrl: apiUrl,
          signer: account,
          chainId: connection.chainId,
          path: contentPath,
        })
        checkSameCid(parseCid(uploaded.cid), artifact.cid, `the gateway ${apiUrl}`)
        stored.push(`the gateway ${apiUrl}`)
      }
      const metadataCid = await metadataOf(values, options, artifact, stores, path, io)

      const registration: Registration = {
        fingerprint: id,
        artifactCid: artifact.cid,
        metadataCid,
        kind: options.kind,
        parent: options.parent,
        relation: options.relation,
      }
      const transactions: { commit?: Hash; register?: Hash } = {}
      if (options.direct) {
        transactions.register = (await daimm.registry.register({ registration })).hash
      } else {
        const { salt, commitTransaction } = await commitment(
          connection,
          id,
          stateDir,
          io,
          values.json,
        )
        if (commitTransaction) transactions.commit = commitTransaction
        // registerCommitted waits for the block after the commitment's.
        const registered = await daimm.registry.registerCommitted({ registration, salt })
        transactions.register = registered.hash
        await removeState(pendingPath(connection, stateDir, id))
        if (registered.superseded)
          note(
            io,
            values.json,
            `Note: an earlier uncommitted registration of ${id} was taken over.`,
          )
      }
      if (contentKey && apiUrl)
        await depositContentKey({
          gatewayUrl: apiUrl,
          signer: account,
          chainId: connection.chainId,
          modelId: id,
          contentKey,
          commercialOnly: values['commercial-only'] ?? false,
        })
      if (contentKey) await removeState(keyPath)
      const registered = await existingModel(daimm, id)
      return report(io, values.json, {
        id,
        path,
        artifactCid: registered.artifactCid,
        metadataCid: registered.metadataCid,
        owner: registered.owner,
        size: artifact.size,
        ...(contentKey ? { encrypted: true, keyDepositedWith: apiUrl } : {}),
        alreadyRegistered: false,
        committed: registered.committed,
        stored,
        transactions,
        parent: registered.parent,
        relation: registered.relation,
        kind: registered.kind,
      })
    } finally {
      await rm(encryptedPath, { force: true })
    }
  },
})

type Options = {
  profile: CidProfile | undefined
  kind: AssetKind | undefined
  parent: Hex | undefined
  relation: Relation | undefined
  direct: boolean
}

function checkOptions(values: {
  metadata?: string | undefined
  'metadata-cid'?: string | undefined
  kind?: string | undefined
  parent?: string | undefined
  relation?: string | undefined
  profile?: string | undefined
  'no-commit'?: boolean | undefined
}): Options {
  if (values.metadata !== undefined && values['metadata-cid'] !== undefined)
    throw new CliUsageError('--metadata and --metadata-cid both name the model card.', {
      fix: 'Give the card file (--metadata) or its CID (--metadata-cid), not both.',
    })
  if (values.kind !== undefined && !assetKinds.includes(values.kind as AssetKind))
    throw new CliUsageError(
      `--kind is ${assetKinds.join(' or ')}, not ${JSON.stringify(values.kind)}.`,
    )
  if (values.profile !== undefined && !profiles.includes(values.profile as CidProfile))
    throw new CliUsageError(`Unknown profile ${JSON.stringify(values.profile)}.`, {
      fix: `Use --profile ${profiles.join(' or --profile ')}.`,
    })
  if (values.relation !== undefined && values.parent === undefined)
    throw new CliUsageError(
      '--relation says how a model derives from its parent: give --parent too.',
    )
  if (
    values.relation !== undefined &&
    !(derivations as readonly string[]).includes(values.relation)
  )
    throw new CliUsageError(
      `--relation is ${derivations.join(', ')}, not ${JSON.stringify(values.relation)}.`,
    )
  if (values['metadata-cid'] !== undefined) parseCid(values['metadata-cid'])
  return {
    profile: values.profile as CidProfile | undefined,
    kind: values.kind as AssetKind | undefined,
    parent: values.parent === undefined ? undefined : parseModelId('--parent', values.parent),
    relation: values.relation as Relation | undefined,
    direct: values['no-commit'] === true,
  }
}

/** The content stores `--store <dir>` and `--kubo <url>` name, with a label for messages. */
export function storesOf(values: { store?: string | undefined; kubo?: string | undefined }) {
  const stores: { label: string; store: ContentStore }[] = []
  if (values.store !== undefined)
    stores.push({
      label: `the store ${values.store}`,
      store: createLocalStore({ directory: values.store }),
    })
  if (values.kubo !== undefined) {
    const kubo = createKuboStore({ url: values.kubo })
    stores.push({ label: `Kubo at ${kubo.url}`, store: kubo })
  }
  return stores
}

function checkSameCid(stored: CID, computed: CID, label: string): void {
  if (!stored.equals(computed))
    throw new CliFailure(`${label} stored the file as ${stored}, not ${computed} as computed here.`)
}

/**
 * The CID of a small file (a model card, license terms), computed here and put in each store, which
 * must report the same CID.
 */
export async function storeFile(
  path: string,
  stores: readonly { label: string; store: ContentStore }[],
  profile?: CidProfile | undefined,
): Promise<CID> {
  const { cid } = await hashArtifactFile(path, { profile })
  for (const { label, store } of stores)
    checkSameCid((await store.put(createReadStream(path), { profile })).cid, cid, label)
  return cid
}

/** The model card's CID: given, computed from its file, or from a generated card; stored too. */
async function metadataOf(
  values: {
    metadata?: string | undefined
    'metadata-cid'?: string | undefined
    name?: string | undefined
    json?: boolean | undefined
  },
  options: Options,
  artifact: { cid: CID; fingerprint: Hex; size: number },
  stores: readonly { label: string; store: ContentStore }[],
  path: string,
  io: ChainIo,
): Promise<CID> {
  if (values['metadata-cid'] !== undefined) return parseCid(values['metadata-cid'])
  if (values.metadata !== undefined) return storeFile(values.metadata, stores, options.profile)
  const card = {
    name: values.name ?? basename(path),
    kind: options.kind ?? 'model',
    fingerprint: artifact.fingerprint,
    artifact: { cid: artifact.cid.toString(), size: artifact.size },
    parent: options.parent ?? null,
    relation: options.parent === undefined ? null : (options.relation ?? 'fine-tune'),
  }
  const bytes = new TextEncoder().encode(`${JSON.stringify(card, null, 2)}\n`)
  const { cid } = await computeCid(bytes, { profile: options.profile })
  for (const { label, store } of stores)
    checkSameCid((await store.put(bytes, { profile: options.profile })).cid, cid, label)
  if (stores.length === 0)
    note(
      io,
      values.json,
      `Note: the generated model card ${cid} is stored nowhere: pass --store or --kubo to keep it, or --metadata <file>.`,
    )
  return cid
}

function pendingPath(
  { chainId, deployment, account }: SignerConnection,
  stateDir: string,
  id: Hex,
) {
  return join(
    stateDir,
    String(chainId),
    `registry-${deployment.contracts.registry.toLowerCase()}`,
    `${account.address.toLowerCase()}-${id}.json`,
  )
}

/**
 * The commitment to register under: a pending one saved by an earlier run when it is still
 * usable, else a new one, its salt saved before the commit is sent.
 */
async function commitment(
  connection: SignerConnection,
  id: Hex,
  stateDir: string,
  io: ChainIo,
  json: boolean | undefined,
): Promise<{ salt: Hex; commitTransaction?: Hash | undefined }> {
  const { daimm, publicClient, deployment, account } = connection
  const path = pendingPath(connection, stateDir, id)
  const registry = { address: deployment.contracts.registry, abi: modelRegistryAbi } as const
  const saved = await readState<PendingRegistration>(path)
  if (saved?.salt && saved.publisher === account.address && saved.fingerprint === id) {
    const [, committedAt] = await publicClient.readContract({
      ...registry,
      functionName: 'commitmentTime',
      args: [registrationCommitment(account.address, id, saved.salt)],
    })
    const [maxAge, block] = await Promise.all([
      publicClient.readContract({ ...registry, functionName: 'maxCommitAge' }),
      publicClient.getBlock(),
    ])
    // A little margin: the registration lands in a later block.
    if (committedAt !== 0 && BigInt(committedAt) + BigInt(maxAge) > block.timestamp + 60n) {
      note(io, json, `Resuming from the commitment saved in ${path}.`)
      return { salt: saved.salt }
    }
  }
  const salt = randomSalt()
  const pending: PendingRegistration = {
    publisher: account.address,
    fingerprint: id,
    salt,
    commitment: registrationCommitment(account.address, id, salt),
  }
  await writeState(path, pending)
  const { hash } = await daimm.registry.commit({ fingerprint: id, salt })
  await writeState(path, { ...pending, commitTransaction: hash })
  return { salt, commitTransaction: hash }
}

type RegisterResult = {
  id: Hex
  path: string
  artifactCid: string
  metadataCid: string
  owner: Address
  size: number
  alreadyRegistered: boolean
  committed: boolean
  stored: readonly string[]
  transactions: { commit?: Hash; register?: Hash }
  parent?: Hex | null
  relation?: string
  kind?: string
  encrypted?: boolean
  keyDepositedWith?: string | undefined
}

function report(io: ChainIo, json: boolean | undefined, result: RegisterResult): number {
  if (json) {
    writeJson(io, result)
    return ExitCode.ok
  }
  const rows: [string, string][] = [
    ['id', `${result.id} (fingerprint)`],
    ['artifact', `${result.artifactCid} (${formatBytes(result.size)})`],
    ['metadata', result.metadataCid],
    ['owner', result.owner],
  ]
  if (result.parent) rows.push(['parent', `${result.parent} (${result.relation})`])
  if (result.stored.length) rows.push(['stored in', result.stored.join(', ')])
  if (result.encrypted) rows.push(['encrypted', `key held by ${result.keyDepositedWith}`])
  if (result.transactions.commit) rows.push(['commit', result.transactions.commit])
  if (result.transactions.register) rows.push(['register', result.transactions.register])
  const title = result.alreadyRegistered
    ? `${result.path} is registered already, to you`
    : `Registered ${result.path}${result.committed ? '' : ' (in one transaction, without a commitment)'}`
  io.stdout.write(`${title}\n${formatRows(rows)}\n`)
  return ExitCode.ok
}

/** Runs a byte-counting job with a progress bar on a terminal, for files of 1 MiB and more. */
async function withBar<T>(
  io: ChainIo,
  label: string,
  total: number,
  job: (onProgress: ((done: number) => void) | undefined) => Promise<T>,
): Promise<T> {
  const bar = new ProgressBar(io.stderr, { label, total })
  const show = bar.enabled && total >= PROGRESS_FROM_BYTES
  try {
    return await job(show ? (done) => bar.update(done) : undefined)
  } finally {
    bar.done()
  }
}
