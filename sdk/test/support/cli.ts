import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const main = join(dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.ts')

export type CliRun = { code: number; stdout: string; stderr: string }

/**
 * The `daimm` command line bundled from source into one file (as the package build does, but in
 * a fraction of a second), and a way to run it as a user would: a separate process with stdout
 * and stderr as pipes.
 */
export async function bundleCli(): Promise<{
  run: (...args: string[]) => Promise<CliRun>
  /** Runs it in a terminal: what it prints to stdout and stderr comes back mixed, as `stdout`. */
  runInTerminal: (...args: string[]) => Promise<CliRun>
  remove: () => Promise<void>
}> {
  const directory = await mkdtemp(join(tmpdir(), 'daimm-cli-bin-'))
  const outfile = join(directory, 'daimm.mjs')
  await build({
    entryPoints: [main],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  })
  return {
    run: (...args) =>
      new Promise((done) => {
        execFile(
          process.execPath,
          [outfile, ...args],
          { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 20 },
          (error, stdout, stderr) =>
            done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        )
      }),
    runInTerminal: (...args) =>
      new Promise((done) => {
        // util-linux `script` gives the command a pseudo-terminal for stdout and stderr.
        const command = [process.execPath, outfile, ...args].map(quote).join(' ')
        execFile('script', ['-qec', command, '/dev/null'], (error, stdout, stderr) =>
          done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        )
      }),
    remove: () => rm(directory, { recursive: true, force: true }),
  }
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`
}
