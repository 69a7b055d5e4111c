import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { type Hex, keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, inject } from 'vitest'

const main = join(dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.ts')

export type CliRun = { code: number; stdout: string; stderr: string }

/** A test account's private key and account, the same as `testAccount(label)` of local.ts. */
export function testKey(label: string) {
  const key: Hex = keccak256(toHex(`daimm.test.${label}`))
  return { key, account: privateKeyToAccount(key) }
}

/**
 * The real `daimm` binary (bundled from source, as the package build does) against the
 * integration anvil: `daimm(...)` runs it in its own process with `--rpc` and `--deployment`
 * set, a state directory of its own, and only the environment given (no key unless passed).
 */
export function useDaimm() {
  const cli = {
    directory: '',
    outfile: '',
    deploymentFile: '',
    stateDir: '',
  }
  beforeAll(async () => {
    cli.directory = await mkdtemp(join(tmpdir(), 'daimm-cli-chain-'))
    cli.outfile = join(cli.directory, 'daimm.mjs')
    cli.deploymentFile = join(cli.directory, 'deployment.json')
    cli.stateDir = join(cli.directory, 'state')
    await writeFile(cli.deploymentFile, JSON.stringify(inject('deployment')))
    await build({
      entryPoints: [main],
      outfile: cli.outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    })
  }, 60_000)
  afterAll(async () => {
    await rm(cli.directory, { recursive: true, force: true })
  })

  const argsOf = (args: readonly string[], connect: boolean) =>
    connect ? [...args, '--rpc', inject('rpcUrl'), '--deployment', cli.deploymentFile] : [...args]
  const envOf = (env: Record<string, string>) => ({
    PATH: process.env.PATH ?? '',
    HOME: cli.directory,
    NO_COLOR: '1',
    DAIMM_STATE_DIR: cli.stateDir,
    ...env,
  })

  /**
   * Runs `daimm <args>` to its end; with `terminal`, in a pseudo-terminal (util-linux `script`),
   * where stdout and stderr come back mixed, as `stdout`.
   */
  function daimm(
    args: readonly string[],
    {
      env = {},
      connect = true,
      terminal = false,
    }: { env?: Record<string, string>; connect?: boolean; terminal?: boolean } = {},
  ): Promise<CliRun> {
    const command = [process.execPath, cli.outfile, ...argsOf(args, connect)]
    const [file, fileArgs] = terminal
      ? ['script', ['-qec', command.map(quote).join(' '), '/dev/null']]
      : [process.execPath, command.slice(1)]
    return new Promise((done) => {
      execFile(
        file as string,
        fileArgs as string[],
        { env: envOf(env), maxBuffer: 1 << 22 },
        (error, stdout, stderr) =>
          done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      )
    })
  }

  /** Starts `daimm <args>` and returns the process and its exit, for commands that wait. */
  function start(
    args: readonly string[],
    { env = {} }: { env?: Record<string, string> } = {},
  ): { child: ChildProcess; exit: Promise<CliRun>; stderr: () => string } {
    const child = spawn(process.execPath, [cli.outfile, ...argsOf(args, true)], {
      env: envOf(env),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const exit = new Promise<CliRun>((done) =>
      child.on('close', (code) => done({ code: code ?? 1, stdout, stderr })),
    )
    return { child, exit, stderr: () => stderr }
  }

  return { cli, daimm, start }
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`
}

/** `DAIMM_PRIVATE_KEY` of a test account. */
export function keyEnv(label: string): Record<string, string> {
  return { DAIMM_PRIVATE_KEY: testKey(label).key }
}
