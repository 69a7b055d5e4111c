import { spawn } from 'node:child_process'
import { type AddressInfo, createServer } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { DevnetError } from './errors.js'
import { type Exit, OutputTail, settled } from './process.js'
import { findRepoRoot, foundryBin } from './repo.js'

export type StartAnvilParameters = {
  /** Port to listen on. Default: a free port. */
  port?: number | undefined
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string | undefined
  /** Extra anvil arguments, for example `['--block-time', '1']`. */
  args?: readonly string[] | undefined
  /** How long to wait for the node to answer RPC. Default: 30 s. */
  timeoutMs?: number | undefined
  /** Repo root (the directory with foundry.toml). Default: found from this file. */
  root?: string | undefined
}

export type Anvil = {
  rpcUrl: string
  port: number
  /** Stops the node and resolves once it has exited. Safe to call more than once. */
  stop: () => Promise<void>
}

/**
 * Starts anvil from the repo's node_modules and resolves once it answers RPC.
 *
 * @example
 * const anvil = await startAnvil()
 * try {
 *   const deployment = await deployProtocol({ rpcUrl: anvil.rpcUrl })
 * } finally {
 *   await anvil.stop()
 * }
 */
export async function startAnvil(parameters: StartAnvilParameters = {}): Promise<Anvil> {
  const { host = '127.0.0.1', args = [], timeoutMs = 30_000 } = parameters
  const root = parameters.root ?? findRepoRoot()
  const bin = foundryBin(root, 'anvil')
  // Another process can take a probed free port before anvil binds it: then probe again.
  for (let attempt = 1; ; attempt++) {
    const port = parameters.port ?? (await freePort(host))
    try {
      return await launchAnvil({ bin, root, host, port, args, timeoutMs })
    } catch (error) {
      const retry = parameters.port === undefined && attempt < 3 && error instanceof PortInUseError
      if (!retry) throw error
    }
  }
}

class PortInUseError extends DevnetError {
  override name = 'PortInUseError'
}

async function launchAnvil({
  bin,
  root,
  host,
  port,
  args,
  timeoutMs,
}: {
  bin: string
  root: string
  host: string
  port: number
  args: readonly string[]
  timeoutMs: number
}): Promise<Anvil> {
  const rpcUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const child = spawn(bin, ['--host', host, '--port', String(port), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const closed = settled(child)
  const output = new OutputTail()
  output.capture(child.stdout)
  output.capture(child.stderr)

  // Should this process exit without calling stop(), the node must not outlive it.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await closed
      clearTimeout(force)
      process.off('exit', killOnExit)
    })()
    return stopped
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    const exit = await Promise.race([closed, delay(100, undefined)])
    if (exit) {
      await stop()
      throw anvilFailure(bin, rpcUrl, exit, output)
    }
    if (await answersRpc(rpcUrl)) return { rpcUrl, port, stop }
    if (Date.now() > deadline) {
      await stop()
      throw new DevnetError(
        `anvil did not answer at ${rpcUrl} within ${timeoutMs} ms. Its last output:\n${output}`,
      )
    }
  }
}

function anvilFailure(bin: string, rpcUrl: string, exit: Exit | Error, output: OutputTail) {
  if (exit instanceof Error)
    return new DevnetError(
      `Could not start anvil (${bin}): ${exit.message}. Run \`npm install\` at the repo root.`,
    )
  const printed = output.toString()
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`
  const message = `anvil exited (${how}) before answering at ${rpcUrl}. Its output:\n${printed}`
  return /address already in use/i.test(printed)
    ? new PortInUseError(
        `${message}\nPick another port, or leave \`port\` unset to use a free one.`,
      )
    : new DevnetError(message)
}

async function answersRpc(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1_000),
    })
    return response.ok
  } catch {
    return false
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}
