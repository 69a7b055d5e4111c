/**
 * A PostgreSQL server of its own for a test run: Debian's postgresql 15 (initdb, pg_ctl) in a
 * temporary directory on a free port, run as the `postgres` user when the tests run as root.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const PG_BIN = process.env.DAIMM_PG_BIN ?? '/usr/lib/postgresql/15/bin'

export type PostgresServer = {
  url: string
  port: number
  dir: string
  stop(): void
  start(): void
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function run(command: string, args: string[]) {
  const root = process.getuid?.() === 0
  const result = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`)
}

/** Starts a fresh server; `stop()` stops it (the directory stays until `destroy`). */
export async function startPostgres(): Promise<PostgresServer & { destroy(): void }> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error(`No PostgreSQL at ${PG_BIN} (set DAIMM_PG_BIN to its bin directory).`)
  const dir = mkdtempSync(join(tmpdir(), 'daimm-pg-'))
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  run(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ])
  const port = await freePort()
  const server = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start() {
      run(join(PG_BIN, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
        'start',
      ])
    },
    stop() {
      run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'])
    },
    destroy() {
      try {
        server.stop()
      } catch {}
      rmSync(dir, { recursive: true, force: true })
    },
  }
  server.start()
  return server
}
