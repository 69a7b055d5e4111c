/**
 * The demo: the whole DAIMM story on an embedded anvil node, from deployment to claimed royalties.
 * `npm run demo` and `daimm demo` run it. Node-only; it needs a checkout of the repo (the forge
 * script and the bundled model).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DaimmError } from '../../errors.js'
import { createLocalStore } from '../../storage/local-store.js'
import { type Anvil, findRepoRoot } from '../devnet.js'
import { DevnetError } from '../errors.js'
import { prepareArtifacts } from './artifacts.js'
import { connectDemoChain } from './chain.js'
import { startNodeAndDeploy } from './node.js'
import { registerModels, setSplits } from './register.js'
import { sellLicense } from './sale.js'
import { scoreModel } from './scoring.js'
import { castOf, type Story } from './story.js'
import { type DemoFacts, formatSummary } from './summary.js'

export type RunDemoParameters = {
  /** Prints one line of progress or summary. */
  log: (line: string) => void
  /** The repo checkout (with foundry.toml). Default: found from this file, else from the cwd. */
  root?: string | undefined
}

export const DEMO_STEPS = [
  'Start a local chain and deploy the protocol',
  'Register the bundled model and a fine-tuned child',
  'Set the royalty splits',
  'Score the model: validators evaluate, commit, reveal; an outlier is slashed',
  'License the child; the revenue is split upstream and claimed',
  'Summary',
] as const

/** A step of the demo failed; `shortMessage` says which, and why, on one line. */
export class DemoStepError extends DaimmError {
  override name = 'DemoStepError'
  readonly step: number

  constructor(step: number, cause: unknown) {
    const reason =
      cause instanceof DaimmError
        ? cause.shortMessage
        : cause instanceof Error
          ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message)
          : String(cause)
    const firstLine = reason.split('\n').find((line) => line.trim() !== '') ?? 'unknown error'
    super(`step ${step} (${DEMO_STEPS[step - 1]?.toLowerCase()}) failed: ${firstLine}`, { cause })
    this.step = step
  }
}

/**
 * Runs the demo and resolves with what happened. The node is stopped and the temporary store
 * removed however it ends, and on SIGINT or SIGTERM (then the process exits 130 or 143).
 *
 * @throws {DemoStepError} naming the step that failed.
 */
export async function runDemo({ log, root: givenRoot }: RunDemoParameters): Promise<DemoFacts> {
  const started = performance.now()
  let anvil: Anvil | undefined
  let directory: string | undefined
  const cleanUp = async () => {
    await anvil?.stop()
    if (directory) await rm(directory, { recursive: true, force: true })
  }
  let interrupted = false
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true
    log(`\nInterrupted (${signal}): stopping anvil.`)
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  let step = 0
  const next = () => {
    step++
    log(`\n[${step}/${DEMO_STEPS.length}] ${DEMO_STEPS[step - 1]}`)
  }
  try {
    log('DAIMM demo: the whole story on a local anvil node')
    next()
    const root = givenRoot ?? repoRoot()
    const node = await startNodeAndDeploy({
      root,
      log,
      onStarted: (started) => {
        anvil = started
      },
    })
    const { deployment } = node
    log(
      `  deployed ${Object.keys(deployment.contracts).length} contracts with forge script script/Deploy.s.sol (${node.seconds.toFixed(1)} s)`,
    )
    const chain = await connectDemoChain(node.anvil.rpcUrl, deployment)
    const cast = castOf(chain)
    directory = await mkdtemp(join(tmpdir(), 'daimm-demo-'))
    const store = createLocalStore({ directory })
    const artifacts = await prepareArtifacts(root, store)
    const story: Story = { chain, cast, artifacts, store, log }
    log(
      `  every actor is an anvil dev account holding 1,000,000 DAIMM from the local genesis: no one is funded by the treasury`,
    )

    next()
    const registered = await registerModels(story)
    next()
    const splits = await setSplits(story, registered)
    next()
    const scoring = await scoreModel(story, registered.model.id)
    next()
    const sale = await sellLicense(story, registered)
    next()
    const evaluation = (await cast.operator.daimm.registry.getModel({ id: registered.model.id }))
      ?.evaluation
    const facts: DemoFacts = {
      cast,
      treasury: deployment.contracts.timelock,
      artifacts,
      registered,
      splits,
      scoring,
      sale,
      recordedScore: evaluation?.score ?? null,
    }
    log(formatSummary(facts))
    await cleanUp()
    log(`\nStopped anvil. Done in ${seconds(started)} s.`)
    return facts
  } catch (error) {
    // Stopping the node makes the step in flight fail: that is no failure to report. The signal
    // handler exits once the node is down.
    if (interrupted) await new Promise(() => {})
    throw new DemoStepError(Math.max(step, 1), error)
  } finally {
    await cleanUp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** The checkout the demo runs in: found from this file, else from the working directory. */
function repoRoot(): string {
  try {
    return findRepoRoot()
  } catch {
    try {
      return findRepoRoot(process.cwd())
    } catch {
      throw new DevnetError(
        'The demo runs from a checkout of the DAIMM repo (it deploys with its forge script): run it inside one.',
      )
    }
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1)
}
