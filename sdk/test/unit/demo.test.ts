import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { runCli } from '../../src/cli/dispatch.js'

/**
 * The real demo, as `npm run demo` runs it: its own anvil on a free port, the forge deploy, the
 * whole story. Run as `node --import tsx src/cli/demo.ts` (what `tsx src/cli/demo.ts` does, in
 * one process, so that a signal reaches the demo itself rather than a launcher).
 */
const sdk = join(dirname(fileURLToPath(import.meta.url)), '../..')

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function startDemo(env: NodeJS.ProcessEnv = {}): {
  child: ChildProcess
  done: Promise<Run>
  output: () => string
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts'], {
    cwd: sdk,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const done = new Promise<Run>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, done, output: () => stdout }
}

/** The ports of the anvil nodes the demo started (one, or more when a deploy was retried). */
function anvilPorts(stdout: string): number[] {
  const ports = [...stdout.matchAll(/anvil at http:\/\/127\.0\.0\.1:(\d+)/g)].map(([, port]) =>
    Number(port),
  )
  expect(ports, `the demo names its node:\n${stdout}`).not.toEqual([])
  return ports
}

/** Whether anything accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Processes whose command line runs anvil on this port (Linux: /proc; elsewhere none are seen). */
async function anvilsOn(port: number): Promise<string[]> {
  if (!existsSync('/proc')) return []
  const found: string[] = []
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const args = await readFile(`/proc/${pid}/cmdline`, 'utf8')
      .then((text) => text.split('\0'))
      .catch((): string[] => [])
    const at = args.indexOf('--port')
    if (args.some((arg) => /anvil$/.test(arg)) && args[at + 1] === String(port)) found.push(pid)
  }
  return found
}

async function expectNodesGone(stdout: string): Promise<void> {
  for (const port of anvilPorts(stdout)) {
    expect(await listening(port)).toBe(false)
    expect(await anvilsOn(port)).toEqual([])
  }
}

describe('daimm demo', () => {
  // The first deploy compiles the contracts when forge's cache is cold (solc-js: minutes on a
  // loaded machine); after that the whole demo takes seconds.
  test('runs the whole story, prints the summary, exits 0 and stops its node', async () => {
    const started = Date.now()
    const { code, stdout, stderr } = await startDemo().done
    const seconds = (Date.now() - started) / 1000
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })

    for (const step of [1, 2, 3, 4, 5, 6]) expect(stdout).toContain(`[${step}/6]`)
    // Step 2: the bundled model, registered by CID and fingerprint, and its child.
    expect(stdout).toMatch(/model {5}iris-mlp\.onnx, id \(fingerprint\) 0x[0-9a-f]{64}/)
    expect(stdout).toMatch(
      /CID {7}bafkrei[a-z2-7]+\n {2}card {6}bafkrei[a-z2-7]+ \(model card CID\)/,
    )
    expect(stdout).toMatch(/child {5}iris-mlp-ft\.onnx, id 0x[0-9a-f]{64}\n {12}fine-tune of 0x/)
    // Step 4: four honest evaluations agree on the bundled model's accuracy, 48/50.
    expect(stdout.match(/evaluated it: 48\/50 correct → score 96/g)).toHaveLength(4)
    expect(stdout).toMatch(/score {5}96\/100 in the registry: consensus of round 1, band 86–100/)
    expect(stdout).toContain('all 4 evaluation digests equal')
    expect(stdout).toMatch(
      /slashed {3}validator-5 0x[0-9a-fA-F]{40}\n {12}outlier \(revealed 12\): 400 DAIMM, 2% of 20,000 DAIMM; stake now 19,600 DAIMM/,
    )
    // Step 5 and the earnings: 1,000 DAIMM, less the 2.5% fee, 10% of the rest upstream.
    expect(stdout).toMatch(/holds a perpetual license to iris-mlp-ft\.onnx/)
    expect(stdout).toContain('buyer swept the protocol fee to the treasury: 25 DAIMM')
    const earned = (who: string) =>
      new RegExp(`^ {2}${who} +0x[0-9a-fA-F]{40} +(\\S+)`, 'm').exec(stdout)?.[1]
    expect({
      publisher: earned('publisher'),
      fineTuner: earned('fine-tuner'),
      curator: earned('curator'),
      validators: [1, 2, 3, 4, 5].map((i) => earned(`validator-${i}`)),
      treasury: earned('treasury'),
      buyer: earned('buyer'),
    }).toEqual({
      // 480 contributor reward (1,000 × 96% × 0.5: a first reward, at the floor reputation) + 97.5 upstream.
      publisher: '+577.5',
      fineTuner: '+658.125',
      curator: '+219.375',
      // The 100 DAIMM budget, pro rata to stake among the four within the band.
      validators: ['+30', '+25', '+25', '+20', '-400'],
      // 25 fee + 20% of the released 400.
      treasury: '+105',
      buyer: '-1,000',
    })

    expect(stdout).toMatch(/Stopped anvil\. Done in [\d.]+ s\.\n$/)
    await expectNodesGone(stdout)
    console.info(`demo run: ${seconds.toFixed(1)} s`)
  }, 600_000)

  test('Ctrl-C stops the node and exits 130', async () => {
    const demo = startDemo()
    // Interrupt it in the middle of the story, once the node is up and deployed.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (demo.output().includes('[3/6]')) {
          clearInterval(timer)
          resolve()
        }
      }, 20)
      demo.done.then(() => {
        clearInterval(timer)
        reject(new Error(`the demo ended before step 3:\n${demo.output()}`))
      }, reject)
    })
    demo.child.kill('SIGINT')
    const { code, stdout } = await demo.done
    expect(code).toBe(130)
    expect(stdout).toContain('Interrupted (SIGINT): stopping anvil.')
    await expectNodesGone(stdout)
  }, 600_000)

  test('a failing step ends it with exit 1, a one-line reason, and no node', async () => {
    const record = join(sdk, '../deployments/31337.json')
    const before = await readFile(record, 'utf8').catch(() => undefined)
    // The deploy script refuses an upstream share above 50%.
    const { code, stdout, stderr } = await startDemo({ DAIMM_UPSTREAM_BPS: '9000' }).done
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /^daimm demo: step 1 \(start a local chain and deploy the protocol\) failed: Deploying failed: forge script .* exited with code 1\. \(--debug shows the whole error\)\n$/,
    )
    await expectNodesGone(stdout)
    expect(await readFile(record, 'utf8').catch(() => undefined)).toBe(before)
  }, 600_000)

  test('is listed by `daimm --help` and explains itself', async () => {
    let out = ''
    const io = { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => 0 } }
    expect(await runCli(['--help'], io)).toBe(0)
    expect(out).toMatch(/^ {2}demo +Run the whole story on a local node/m)
    out = ''
    expect(await runCli(['demo', '--help'], io)).toBe(0)
    expect(out).toMatch(/^Usage: daimm demo/)
    expect(await runCli(['demo', '--nope'], io)).toBe(2)
  })
})
