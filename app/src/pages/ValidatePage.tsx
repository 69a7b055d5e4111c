import {
  type Round,
  useCommitScore,
  useDaimmConfig,
  useModel,
  useRevealScore,
  useRound,
} from '@daimm/react'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useAccount, usePublicClient } from 'wagmi'
import { EvaluateInBrowser } from '../components/EvaluateInBrowser'
import { metricName } from '../components/EvaluationPanel'
import { Link } from '../components/Link'
import { errorText, short } from '../format'

/** The chain's clock (a devnet's may run ahead of the wall clock), ticking every second. */
function useChainNow(): number | undefined {
  const client = usePublicClient()
  const [offset, setOffset] = useState<number>()
  const [, tick] = useState(0)
  useEffect(() => {
    let live = true
    const sync = () =>
      client
        ?.getBlock()
        .then((b) => live && setOffset(Number(b.timestamp) - Date.now() / 1000))
        .catch(() => {})
    void sync()
    const syncTimer = setInterval(sync, 5000)
    const tickTimer = setInterval(() => tick((n) => n + 1), 1000)
    return () => {
      live = false
      clearInterval(syncTimer)
      clearInterval(tickTimer)
    }
  }, [client])
  return offset === undefined ? undefined : Math.floor(Date.now() / 1000 + offset)
}

function countdown(seconds: number): string {
  if (seconds <= 0) return 'passed'
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return `${h ? `${h} h ` : ''}${m} min ${s} s`
}

/** Rounds where the connected wallet holds a seat: evaluate, commit, then reveal in its window. */
export default function ValidatePage() {
  const { address } = useAccount()
  const { api, chainId } = useDaimmConfig()
  const rounds = useQuery({
    queryKey: ['daimm', chainId, 'rounds', { status: 'drawn' }],
    queryFn: ({ signal }) => api.listRounds({ status: 'drawn', limit: 50 }, { signal }),
    refetchInterval: 5000,
  })
  const now = useChainNow()
  if (!address)
    return (
      <section>
        <h1>Validate</h1>
        <p>Connect a wallet (top right) to see the rounds where you hold a seat.</p>
      </section>
    )
  return (
    <section aria-labelledby="validate-title">
      <h1 id="validate-title">Validate</h1>
      <p className="lead">
        Rounds drawn with a seat for you. Evaluate the model here, commit your score before the
        commit deadline, and reveal it with the same score once the commit window has closed.
      </p>
      {rounds.error && (
        <p role="alert" className="error">
          {rounds.error.message}
        </p>
      )}
      {rounds.data?.items.length === 0 && <p>No round is waiting for its committee.</p>}
      {rounds.data?.items.map((r) => (
        <Seat key={r.id} round={r} address={address} now={now} />
      ))}
    </section>
  )
}

/** What the browser keeps of a commitment: the reveal needs the score, the evaluation digest and the salt. */
type Saved = { score: number; digest?: `0x${string}` | undefined; salt: `0x${string}` }

function Seat({ round, address, now }: { round: Round; address: string; now: number | undefined }) {
  const { chainId } = useDaimmConfig()
  const detail = useRound(round.id, { refetchInterval: 4000 })
  const model = useModel(round.subjectId)
  const commit = useCommitScore()
  const reveal = useRevealScore()
  const key = `daimm:ballot:${chainId}:${round.id}:${address.toLowerCase()}`
  const [saved, setSaved] = useState<Saved | null>(() => {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Saved) : null
  })
  const [score, setScore] = useState(saved ? String(saved.score) : '')
  // The digest of the in-browser evaluation, sealed with the score: a score needs one.
  const [digest, setDigest] = useState<`0x${string}` | undefined>(saved?.digest)
  const seat = detail.data?.members.find((m) => m.validator.toLowerCase() === address.toLowerCase())
  if (!seat) return null
  const commitLeft = now === undefined ? undefined : Number(round.commitDeadline) - now
  const revealLeft = now === undefined ? undefined : Number(round.revealDeadline) - now
  const state = seat.state
  const name = model.data?.card.name ?? short(round.subjectId)
  const n = Number(score)
  const valid = Number.isInteger(n) && n >= 1 && n <= 100
  return (
    <article className="benchmark" aria-labelledby={`round-${round.id}`}>
      <h2 id={`round-${round.id}`}>
        Round {round.id}: <Link href={`/models/${round.subjectId}`}>{name}</Link>
      </h2>
      <dl className="facts">
        <div>
          <dt>Your seat</dt>
          <dd>
            #{seat.seat}, {state}
          </dd>
        </div>
        <div>
          <dt>Metric</dt>
          <dd>{metricName(round.metricId)}</dd>
        </div>
        <div>
          <dt>Commit closes in</dt>
          <dd data-testid="commit-countdown">
            {commitLeft === undefined ? '…' : countdown(commitLeft)}
          </dd>
        </div>
        <div>
          <dt>Reveal closes in</dt>
          <dd>{revealLeft === undefined ? '…' : countdown(revealLeft)}</dd>
        </div>
      </dl>
      {model.data && state === 'drawn' && (
        <EvaluateInBrowser
          modelName={name}
          modelCid={model.data.artifactCid}
          datasetCid={round.datasetCid}
          metric={metricName(round.metricId) === 'macro-f1' ? 'macro-f1' : 'accuracy'}
          consensus={null}
          onResult={(r) => {
            setScore(String(r.score))
            setDigest(r.digest as `0x${string}`)
          }}
          headingLevel={3}
        />
      )}
      <label>
        Your score (1–100)
        <input
          type="number"
          min={1}
          max={100}
          value={score}
          onChange={(e) => setScore(e.target.value)}
          disabled={state !== 'drawn'}
        />
      </label>{' '}
      {state === 'drawn' && (
        <button
          type="button"
          disabled={!valid || commit.isPending || (commitLeft ?? 1) <= 0}
          onClick={() =>
            commit.mutate(
              { roundId: BigInt(round.id), score: n, digest },
              {
                onSuccess: ({ salt }) => {
                  const value = { score: n, digest, salt }
                  localStorage.setItem(key, JSON.stringify(value))
                  setSaved(value)
                },
              },
            )
          }
        >
          {commit.isPending ? 'Committing… (pending)' : 'Commit score'}
        </button>
      )}
      {state === 'committed' && (
        <button
          type="button"
          disabled={!saved || reveal.isPending || (commitLeft ?? 1) > 0 || (revealLeft ?? 0) <= 0}
          onClick={() =>
            saved &&
            reveal.mutate({
              roundId: BigInt(round.id),
              score: saved.score,
              digest: saved.digest,
              salt: saved.salt,
            })
          }
        >
          {reveal.isPending
            ? 'Revealing… (pending)'
            : (commitLeft ?? 1) > 0
              ? 'Reveal opens when the commit window closes'
              : 'Reveal score'}
        </button>
      )}
      {state === 'committed' && !saved && (
        <p className="error">
          This browser does not hold the salt of your commitment: reveal from where you committed.
        </p>
      )}
      {commit.isSuccess && state === 'drawn' && (
        <p role="status">Final: committed, waiting for the gateway…</p>
      )}
      {state === 'committed' && (
        <p role="status" data-testid="committed">
          Committed {saved ? `score ${saved.score}` : ''}.
        </p>
      )}
      {state === 'revealed' && (
        <p role="status" className="ok" data-testid="revealed">
          Final: revealed score {seat.score}.
        </p>
      )}
      {(commit.error || reveal.error) && (
        <p role="alert" className="error">
          {errorText(commit.error ?? reveal.error)}
        </p>
      )}
    </article>
  )
}
