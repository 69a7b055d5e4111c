import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../..', import.meta.url))

export type Stack = {
  app: string
  api: string
  rpcUrl: string
  log: string[]
  stop(): Promise<void>
}

/** Runs `npm start` (in its own process group) until it prints the app's address. */
export async function startStack(timeoutMs = 540_000): Promise<Stack> {
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The app is rebuilt, so that the tests see its current source.
    env: {
      ...process.env,
      DAIMM_APP_PORT: process.env.DAIMM_APP_PORT ?? '',
      DAIMM_APP_REBUILD: '1',
    },
  })
  const log: string[] = []
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {}
  }
  const found: Record<string, string> = {}
  return new Promise<Stack>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(
        new Error(
          `npm start did not print the app address in ${timeoutMs / 1000} s:\n${log.join('\n')}`,
        ),
      )
    }, timeoutMs)
    const onLine = (line: string) => {
      log.push(line)
      const match = /^(chain|api|app)\s+(http:\/\/\S+)/.exec(line.trim())
      if (match) found[match[1] as string] = match[2] as string
      if (found.app && found.api && found.chain) {
        clearTimeout(timer)
        resolve({ app: found.app, api: found.api, rpcUrl: found.chain, log, stop })
      }
    }
    let buffer = ''
    const onData = (data: Buffer) => {
      buffer += data.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) onLine(line)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`npm start exited (${code}) before the app was up:\n${log.join('\n')}`))
    })
  })
}
