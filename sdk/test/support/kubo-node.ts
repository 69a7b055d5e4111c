import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const repo = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * The Kubo binary tools/kubo/build.sh built (or DAIMM_KUBO_BIN). Undefined when it is not built;
 * under CI (CI or DAIMM_REQUIRE_KUBO set) a missing binary is an error, so that CI never skips the real-IPFS tests.
 */
export async function kuboBinary(): Promise<string | undefined> {
  if (process.env.DAIMM_KUBO_BIN) return process.env.DAIMM_KUBO_BIN
  try {
    const { stdout } = await run('bash', [join(repo, 'tools/kubo/build.sh'), '--cached'])
    return stdout.trim()
  } catch {
    if (process.env.CI || process.env.DAIMM_REQUIRE_KUBO)
      throw new Error(
        'Kubo is not built: run tools/kubo/build.sh first (CI runs it before the tests)',
      )
    return undefined
  }
}

export type KuboNode = { url: string; repo: string; startedInMs: number; stop(): Promise<void> }

/**
 * A real Kubo daemon, offline, in a temporary IPFS_PATH initialised with the `test` profile (no
 * bootstrap peers, no discovery, every port 0: the API's actual port is read from `$IPFS_PATH/api`).
 */
export async function startKubo(binary: string): Promise<KuboNode> {
  const started = performance.now()
  const path = await mkdtemp(join(tmpdir(), 'daimm-kubo-'))
  const env = { ...process.env, IPFS_PATH: path }
  let daemon: ChildProcess | undefined
  try {
    await run(binary, ['init', '--profile', 'test'], { env })
    const child = spawn(binary, ['daemon', '--offline'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    daemon = child
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Kubo did not start in 60 s:\n${output}`)),
        60_000,
      )
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Daemon is ready')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`Kubo exited with ${code}:\n${output}`))
      })
    })
    // "/ip4/127.0.0.1/tcp/PORT"
    const multiaddr = (await readFile(join(path, 'api'), 'utf8')).trim()
    const [, , host, , port] = multiaddr.split('/')
    const startedInMs = performance.now() - started
    return {
      url: `http://${host}:${port}`,
      repo: path,
      startedInMs,
      async stop() {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve))
          child.kill('SIGTERM')
          await exited
        }
        await rm(path, { recursive: true, force: true })
      },
    }
  } catch (error) {
    daemon?.kill('SIGKILL')
    await rm(path, { recursive: true, force: true })
    throw error
  }
}
