/**
 * The CLI's state directory (`--state <dir>`, else `$DAIMM_STATE_DIR`, else `~/.daimm`): the
 * secrets of pending commitments — a validator's score salt, a publisher's registration salt —
 * written before the transaction that needs them later is sent, so that a crash loses nothing.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { DaimmError } from '../errors.js'

export const STATE_DIR_ENV = 'DAIMM_STATE_DIR'

/** The help line of `--state`. */
export const stateHelp = `  --state <dir>          where pending commitments' salts are kept (default: $${STATE_DIR_ENV},
                           else ~/.daimm)`

/** The state directory could not be read or written. */
export class StateDirError extends DaimmError {
  override name = 'StateDirError'
}

/** The state directory the flag, the environment or the home directory names. */
export function stateDirOf(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return resolve(flag ?? env[STATE_DIR_ENV] ?? join(homedir(), '.daimm'))
}

/**
 * Reads a JSON record of the state directory; undefined when there is none.
 *
 * @throws {StateDirError} when it exists but cannot be read or parsed.
 */
export async function readState<T>(path: string): Promise<T | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined
    throw new StateDirError(
      `The state file ${path} cannot be read (${(error as { code?: string }).code ?? 'unknown error'}).`,
    )
  }
  try {
    return JSON.parse(text) as T
  } catch {
    throw new StateDirError(`The state file ${path} is not JSON: it was damaged.`, {
      metaMessages: ['Move it away to start over (any salt in it is then lost).'],
    })
  }
}

/**
 * Writes a JSON record of the state directory, readable by its owner only, and durably: to a
 * temporary file, synced, then renamed into place, so a crash leaves the old record or the new
 * one, never half of one.
 */
export async function writeState(path: string, value: unknown): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    const temporary = `${path}.${randomUUID()}.tmp`
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flush: true })
    await rename(temporary, path)
  } catch (error) {
    throw new StateDirError(
      `The state file ${path} cannot be written (${(error as { code?: string }).code ?? (error as Error).message}).`,
      { metaMessages: ['Pass --state <dir> with a directory you can write to.'] },
    )
  }
}

/** Removes a record of the state directory, if there. */
export async function removeState(path: string): Promise<void> {
  await rm(path, { force: true })
}
