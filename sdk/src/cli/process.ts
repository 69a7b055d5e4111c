import { type ChildProcess, spawn } from 'node:child_process'
import type { Readable } from 'node:stream'

/** Keeps the last lines a process printed, for error messages. */
export class OutputTail {
  readonly #lines: string[] = []
  readonly #limit: number
  #partial = ''

  constructor(limit = 40) {
    this.#limit = limit
  }

  capture(stream: Readable | null): void {
    stream?.setEncoding('utf8').on('data', (chunk: string) => this.push(chunk))
  }

  push(chunk: string): void {
    const lines = (this.#partial + chunk).split(/\r?\n/)
    this.#partial = lines.pop() ?? ''
    this.#lines.push(...lines)
    this.#lines.splice(0, Math.max(0, this.#lines.length - this.#limit))
  }

  toString(): string {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
    const lines = [...this.#lines, this.#partial].map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''))
    return lines.filter((line) => line.trim() !== '').join('\n')
  }
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null }

/**
 * Resolves with the process's exit once it has exited and closed its output, or with the error if
 * it could not be started. Call it right after `spawn`, before any event can be missed.
 */
export function settled(child: ChildProcess): Promise<Exit | Error> {
  return new Promise((resolve) => {
    child.once('error', resolve)
    child.once('close', (code, signal) => resolve({ code, signal }))
  })
}

export type RunResult = Exit & { stdout: OutputTail; stderr: OutputTail; timedOut: boolean }

/** Runs a command to completion, keeping only the tail of its output. */
export async function run(
  command: string,
  args: readonly string[],
  { cwd, env, timeoutMs }: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunResult> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const outcome = settled(child)
  const stdout = new OutputTail()
  const stderr = new OutputTail()
  stdout.capture(child.stdout)
  stderr.capture(child.stderr)
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  try {
    const exit = await outcome
    if (exit instanceof Error) throw exit
    return { ...exit, stdout, stderr, timedOut }
  } finally {
    clearTimeout(timer)
  }
}
