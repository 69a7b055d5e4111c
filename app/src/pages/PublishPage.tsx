import { useDaimmConfig, useDaimmContext } from '@daimm/react'
import {
  hashArtifact,
  market,
  type Relation,
  registry,
  relations,
  royalties,
  serializeSignedOffer,
} from '@daimm/sdk'
import { useState } from 'react'
import { getAddress, isAddress, parseEther } from 'viem'
import { useAccount } from 'wagmi'
import { Link } from '../components/Link'
import { config } from '../config'
import { bytes, errorText, short } from '../format'
import { upload } from '../store'

type Hashed = { file: File; cid: string; fingerprint: `0x${string}`; registered: string | null }
type Step = { label: string; state: 'waiting' | 'pending' | 'done' | 'failed'; detail?: string }
type Recipient = { account: `0x${string}`; weight: number }

/** The revenue split as typed, one `address weight` a line; an error says which line is wrong. */
export function parseSplit(text: string): Recipient[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [account = '', weight = '', ...rest] = line.split(/[\s,]+/)
      const w = Number(weight)
      if (!isAddress(account) || !Number.isInteger(w) || w < 1 || w > 65_535 || rest.length > 0)
        throw new Error(
          `Split line ${i + 1} ("${line}") is not an address and a whole weight from 1 to 65535, like "0xAbc… 3".`,
        )
      return { account: getAddress(account), weight: w }
    })
}

/** Publish: hash the file in the browser, write the card, commit then register, and offer licenses. */
export default function PublishPage() {
  const { isConnected } = useAccount()
  const ctx = useDaimmContext()
  const { api } = useDaimmConfig()
  const [hashing, setHashing] = useState<{ name: string; done: number; total: number } | null>(null)
  const [hashed, setHashed] = useState<Hashed | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [dragging, setDragging] = useState(false)
  const [form, setForm] = useState({
    name: '',
    description: '',
    author: '',
    task: '',
    tags: '',
    license: 'DAIMM marketplace licenses',
    kind: 'model',
    parent: '',
    relation: 'fine-tune',
    price: '',
    days: '0',
    commercial: true,
    signed: false,
    validDays: '30',
    split: '',
    encrypt: false,
  })
  const [steps, setSteps] = useState<Step[]>([])
  const [published, setPublished] = useState<string | null>(null)
  const [signedOffer, setSignedOffer] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const busy = steps.some((s) => s.state === 'pending')

  const choose = async (file: File | undefined) => {
    if (!file) return
    setHashed(null)
    setFileError(null)
    setPublished(null)
    setSteps([])
    setHashing({ name: file.name, done: 0, total: file.size })
    try {
      const { cid, fingerprint } = await hashArtifact(file, {
        onProgress: (done) => setHashing({ name: file.name, done, total: file.size }),
      })
      // Asked of the registry itself (the gateway may lag): null when nothing is registered under it.
      const registered = (await registry.getModel(ctx, { id: fingerprint })) ? fingerprint : null
      setHashed({ file, cid: cid.toString(), fingerprint, registered })
      if (!form.name) setForm((f) => ({ ...f, name: file.name.replace(/\.[^.]+$/, '') }))
    } catch (error) {
      setFileError(errorText(error))
    } finally {
      setHashing(null)
    }
  }

  const set =
    (key: keyof typeof form) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm({
        ...form,
        [key]:
          e.target.type === 'checkbox' ? (e.target as HTMLInputElement).checked : e.target.value,
      })

  const publish = async () => {
    if (!hashed) return
    setSignedOffer(null)
    let split: Recipient[]
    try {
      split = parseSplit(form.split)
      setFormError(null)
    } catch (error) {
      return setFormError(errorText(error))
    }
    const listed = form.price && !form.signed
    const encrypt = form.encrypt
    const plan: Step[] = [
      ...(encrypt
        ? [
            {
              label: 'Encrypt the file in your browser (daimm-aead-v1, a fresh content key)',
              state: 'waiting' as const,
            },
            {
              label: 'Upload the ciphertext to the gateway (a signature) and the card',
              state: 'waiting' as const,
            },
          ]
        : [{ label: 'Upload the file and the card (CIDs checked)', state: 'waiting' as const }]),
      { label: 'Commit the fingerprint (transaction 1)', state: 'waiting' },
      { label: 'Register the model (transaction 2, the block after the commit)', state: 'waiting' },
      ...(encrypt
        ? [
            {
              label: 'Deposit the content key with the gateway (a signature)',
              state: 'waiting' as const,
            },
          ]
        : []),
      ...(split.length > 0
        ? [{ label: 'Set the revenue split (transaction 3)', state: 'waiting' as const }]
        : []),
      ...(form.price
        ? [
            {
              label: form.signed
                ? 'Sign the offer (a signature, no transaction)'
                : 'Publish the offer (a transaction)',
              state: 'waiting' as const,
            },
          ]
        : []),
      { label: 'Wait for the gateway to index it', state: 'waiting' },
    ]
    setSteps(plan)
    let at = 0
    const step = async <T,>(run: () => Promise<T>, detail?: (value: T) => string): Promise<T> => {
      setSteps((s) => s.map((x, i) => (i === at ? { ...x, state: 'pending' } : x)))
      try {
        const value = await run()
        const i = at
        setSteps((s) =>
          s.map((x, j) => (j === i ? { ...x, state: 'done', detail: detail?.(value) } : x)),
        )
        at++
        return value
      } catch (error) {
        const i = at
        setSteps((s) =>
          s.map((x, j) => (j === i ? { ...x, state: 'failed', detail: errorText(error) } : x)),
        )
        throw error
      }
    }
    try {
      const price = form.price ? parseEther(form.price) : undefined
      // Signed gateway calls (upload, key deposit): to the API (or this server's proxy of it),
      // naming the gateway's identity, as key releases do.
      const gateway = {
        gatewayUrl: config.apiUrl || globalThis.location.origin,
        gateway: config.gateway,
        signer: ctx.walletClient as NonNullable<typeof ctx.walletClient>,
        chainId: ctx.deployment.chainId,
      }
      // Loaded only when encrypting: it stays out of the page's initial JavaScript.
      const sealed = encrypt
        ? await step(
            async () => {
              const licensing = await import('@daimm/sdk/licensing')
              const contentKey = licensing.generateContentKey()
              const parts: Uint8Array[] = []
              for await (const chunk of licensing.encryptContent(hashed.file, contentKey))
                parts.push(chunk)
              const ciphertext = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
              let offset = 0
              for (const part of parts) {
                ciphertext.set(part, offset)
                offset += part.byteLength
              }
              return { licensing, contentKey, ciphertext }
            },
            (v) => bytes(v.ciphertext.byteLength),
          )
        : undefined
      const { metadataCid, termsCid, artifactCid } = await step(
        async () => {
          const artifactCid = sealed
            ? (await sealed.licensing.uploadContent({ ...gateway, bytes: sealed.ciphertext })).cid
            : await upload(hashed.file, hashed.cid)
          const card = {
            name: form.name,
            description: form.description,
            author: form.author,
            tags: form.tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
            task: form.task,
            license: form.license,
            artifact: artifactCid,
            ...(sealed ? { encryption: { format: 'daimm-aead-v1', keyRelease: 'gateway' } } : {}),
          }
          const metadataCid = await upload(new Blob([`${JSON.stringify(card, null, 2)}\n`]))
          const termsCid = await upload(new Blob([`${form.license}\n`]))
          return { metadataCid, termsCid, artifactCid }
        },
        (v) =>
          sealed
            ? `ciphertext ${short(v.artifactCid, 8)}, card ${short(v.metadataCid, 8)}`
            : `card ${short(v.metadataCid, 8)}`,
      )
      const { salt } = await step(
        () => registry.commit(ctx, { fingerprint: hashed.fingerprint }),
        (r) => `mined in ${short(r.hash)}`,
      )
      const parent = form.parent.trim() as `0x${string}` | ''
      const { id } = await step(
        () =>
          registry.registerCommitted(ctx, {
            salt,
            registration: {
              fingerprint: hashed.fingerprint,
              // Encrypted: the CID is the ciphertext's, the id still the plaintext's SHA-256.
              artifactCid,
              metadataCid,
              kind: form.kind as 'model' | 'dataset',
              ...(parent ? { parent, relation: form.relation as Relation } : {}),
            },
          }),
        (r) => `model ${short(r.id)}`,
      )
      if (sealed)
        await step(
          () =>
            sealed.licensing.depositContentKey({
              ...gateway,
              modelId: id,
              contentKey: sealed.contentKey,
            }),
          () => 'released to license holders only',
        )
      if (split.length > 0)
        await step(
          () => royalties.setWeights(ctx, { modelId: id, recipients: split }),
          () => `${split.length} recipient${split.length === 1 ? '' : 's'}`,
        )
      const terms = {
        modelId: id,
        price: price ?? 0n,
        token: ctx.deployment.contracts.token,
        duration: BigInt(Math.round(Number(form.days) * 86_400)),
        commercial: form.commercial,
        termsCid,
      }
      if (price !== undefined && !form.signed)
        await step(
          () => market.publishOffer(ctx, { terms }),
          (r) => `offer #${r.offerId}`,
        )
      if (price !== undefined && form.signed) {
        const deadline = BigInt(Math.floor(Date.now() / 1000) + Number(form.validDays) * 86_400)
        const signed = await step(
          () => market.signOffer(ctx, { terms, deadline }),
          (r) => `signature ${short(r.signature)}`,
        )
        setSignedOffer(
          serializeSignedOffer({
            ...signed,
            chainId: ctx.deployment.chainId,
            marketplace: ctx.deployment.contracts.market,
          }),
        )
      }
      // Polled through the list (an unknown id would answer 404, which the console reports).
      const owner = ctx.walletClient?.account?.address
      await step(async () => {
        for (let i = 0; ; i++) {
          const { items } = await api.listModels({ owner, sort: 'newest', limit: 10 })
          const found = items.find((m) => m.id.toLowerCase() === id.toLowerCase())
          if (found && (!listed || found.lowestPrice)) return found
          if (i >= 60)
            throw new Error(
              'The gateway has not indexed the model after 60 s; it will appear once it catches up.',
            )
          await new Promise((r) => setTimeout(r, 1000))
        }
      })
      setPublished(id)
    } catch {
      // The failed step shows the SDK's words.
    }
  }

  return (
    <section aria-labelledby="publish-title" className="publish">
      <h1 id="publish-title">Publish a model</h1>
      <p className="lead">
        The file is hashed in your browser: its fingerprint becomes the model id and its CID says
        where it is. Registration is committed first, then revealed, so nobody can copy it from the
        mempool.
      </p>
      <label
        className={`drop${dragging ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragging(false)
          void choose(e.dataTransfer.files[0])
        }}
      >
        <span>Drop the model file here, or choose it</span>
        <input type="file" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {hashing && (
        <div className="progress" aria-live="polite">
          <label htmlFor="hash-progress">
            Hashing {hashing.name} ({bytes(hashing.done)} of {bytes(hashing.total)})
          </label>
          <progress id="hash-progress" max={hashing.total || 1} value={hashing.done} />
        </div>
      )}
      {fileError && (
        <p role="alert" className="error">
          {fileError}
        </p>
      )}
      {hashed && (
        <dl className="facts wide" data-testid="hashed">
          <div>
            <dt>Fingerprint (model id)</dt>
            <dd>
              <code className="wrap">{hashed.fingerprint}</code>
            </dd>
          </div>
          <div>
            <dt>CID</dt>
            <dd>
              <code className="wrap">{hashed.cid}</code>
            </dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{bytes(hashed.file.size)}</dd>
          </div>
        </dl>
      )}
      {hashed?.registered && (
        <p role="alert" className="error">
          This file is already registered:{' '}
          <Link href={`/models/${hashed.registered}`}>open its page</Link>. A model id is the file's
          fingerprint, so the same bytes cannot be registered twice.
        </p>
      )}
      {hashed && !hashed.registered && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault()
            void publish()
          }}
        >
          <fieldset>
            <legend>Model card</legend>
            <div className="grid">
              <label>
                Name
                <input required value={form.name} onChange={set('name')} />
              </label>
              <label>
                Author
                <input value={form.author} onChange={set('author')} />
              </label>
              <label>
                Task
                <input
                  value={form.task}
                  onChange={set('task')}
                  placeholder="tabular-classification"
                />
              </label>
              <label>
                Tags (comma-separated)
                <input value={form.tags} onChange={set('tags')} />
              </label>
              <label>
                Kind
                <select value={form.kind} onChange={set('kind')}>
                  <option value="model">Model</option>
                  <option value="dataset">Dataset</option>
                </select>
              </label>
            </div>
            <label>
              Description
              <textarea rows={3} value={form.description} onChange={set('description')} />
            </label>
            <label>
              License text
              <textarea rows={2} value={form.license} onChange={set('license')} />
            </label>
          </fieldset>
          <fieldset>
            <legend>Access</legend>
            <label className="check">
              <input type="checkbox" checked={form.encrypt} onChange={set('encrypt')} />
              Encrypt (sell access through key release)
            </label>
            <p className="lead">
              Encrypted in your browser; the gateway stores the ciphertext and keeps the key, which
              it releases to license holders only. Your wallet signs the upload and the deposit.
            </p>
          </fieldset>
          <fieldset>
            <legend>Lineage</legend>
            <div className="grid">
              <label>
                Parent model id (optional)
                <input value={form.parent} onChange={set('parent')} placeholder="0x…" />
              </label>
              <label>
                Relation to the parent
                <select value={form.relation} onChange={set('relation')} disabled={!form.parent}>
                  {relations
                    .filter((r) => r !== 'none')
                    .map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                </select>
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Offer (optional)</legend>
            <div className="grid">
              <label>
                Price (DAIMM)
                <input
                  inputMode="decimal"
                  value={form.price}
                  onChange={set('price')}
                  placeholder="leave empty: no offer"
                />
              </label>
              <label>
                License length in days (0: perpetual)
                <input type="number" min={0} value={form.days} onChange={set('days')} />
              </label>
              <label className="check">
                <input type="checkbox" checked={form.commercial} onChange={set('commercial')} />
                Commercial use
              </label>
              <label className="check">
                <input type="checkbox" checked={form.signed} onChange={set('signed')} />
                Sign it off-chain (no transaction; share the link)
              </label>
              <label>
                Signed offer valid for (days)
                <input
                  type="number"
                  min={1}
                  value={form.validDays}
                  onChange={set('validDays')}
                  disabled={!form.signed}
                />
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Revenue split (optional)</legend>
            <label>
              Recipients, one "address weight" per line (empty: all revenue to you)
              <textarea
                rows={3}
                value={form.split}
                onChange={set('split')}
                placeholder={
                  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8 3\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC 1'
                }
              />
            </label>
          </fieldset>
          {formError && (
            <p role="alert" className="error">
              {formError}
            </p>
          )}
          <button type="submit" disabled={!isConnected || busy}>
            {isConnected ? (busy ? 'Publishing…' : 'Publish') : 'Connect a wallet to publish'}
          </button>
        </form>
      )}
      {steps.length > 0 && (
        <ol className="steps" aria-live="polite">
          {steps.map((s) => (
            <li key={s.label} className={s.state}>
              {s.label}: <strong>{s.state}</strong>
              {s.detail && (
                <span className={s.state === 'failed' ? 'error' : undefined}> — {s.detail}</span>
              )}
            </li>
          ))}
        </ol>
      )}
      {published && (
        <p role="status" className="ok" data-testid="published">
          Published. <Link href={`/models/${published}`}>Open the model's page</Link>.
        </p>
      )}
      {published && signedOffer && (
        <section aria-labelledby="signed-title" data-testid="signed-offer">
          <h2 id="signed-title">Your signed offer</h2>
          <p>
            Send buyers <Link href={`/offer#${encodeURIComponent(signedOffer)}`}>this link</Link>,
            or the text below: its first sale lists it on-chain. To withdraw it, cancel it with{' '}
            <code>daimm offer --cancel-signed &lt;file&gt;</code>.
          </p>
          <label>
            Signed offer
            <textarea readOnly rows={6} value={signedOffer} />
          </label>
        </section>
      )}
    </section>
  )
}
