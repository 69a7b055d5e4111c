/**
 * Where a `daimm` command gets the key that signs its transactions: `DAIMM_PRIVATE_KEY`, or an
 * encrypted keystore (`--keystore <file>`) opened with `DAIMM_KEYSTORE_PASSWORD` or a password
 * typed at a prompt. Neither the key nor the password is ever printed, logged or put in an error.
 */
import { readFile } from 'node:fs/promises'
import type { Hex, LocalAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { DaimmError } from '../errors.js'
import { decryptKeystore, parseKeystore } from './keystore.js'

/** The environment variable holding a raw private key (`0x` and 64 hex digits). */
export const PRIVATE_KEY_ENV = 'DAIMM_PRIVATE_KEY'
/** The environment variable holding the password of `--keystore`. */
export const KEYSTORE_PASSWORD_ENV = 'DAIMM_KEYSTORE_PASSWORD'

const secrets = new Set<string>()

/**
 * Replaces every key and password this process loaded with `<redacted>`: applied to whatever a
 * failing command prints, in case a library quoted one.
 */
export function redactSecrets(text: string): string {
  let redacted = text
  for (const secret of secrets) {
    // Hex is case-insensitive: a key may come back checksummed or upper-cased.
    const hex = /^(0x)?[0-9a-fA-F]+$/.test(secret)
    const pattern = new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), hex ? 'gi' : 'g')
    redacted = redacted.replace(pattern, '<redacted>')
  }
  return redacted
}

function remember(secret: string): void {
  if (secret.length < 4) return
  secrets.add(secret)
  if (/^0x[0-9a-fA-F]+$/.test(secret)) secrets.add(secret.slice(2))
}

/** No key, or a key that cannot be used; the message says where keys come from. */
export class SignerError extends DaimmError {
  override name = 'SignerError'
}

/** A terminal to ask the keystore password on: input without echo, the prompt on stderr. */
export type PasswordPrompt = (question: string) => Promise<string>

export type LoadSignerParameters = {
  /** `--keystore`, if given. */
  keystore?: string | undefined
  /** The environment to read `DAIMM_PRIVATE_KEY` and `DAIMM_KEYSTORE_PASSWORD` from. */
  env: Readonly<Record<string, string | undefined>>
  /** Asks for the password when the environment has none; absent when stdin is not a terminal. */
  prompt?: PasswordPrompt | undefined
  /** The command, for the messages (`daimm stake needs a key…`). */
  command: string
}

/**
 * The account that signs: from `--keystore` when given (it wins over the environment, so that an
 * explicit flag is never silently ignored), else from `DAIMM_PRIVATE_KEY`.
 *
 * @throws {SignerError} when there is no key, or the key is not 32 bytes of hex.
 * @throws {KeystorePasswordError} when the password is wrong.
 * @example
 * const account = await loadSigner({ keystore: values.keystore, env: process.env, command: 'stake' })
 */
export async function loadSigner({
  keystore,
  env,
  prompt,
  command,
}: LoadSignerParameters): Promise<LocalAccount> {
  if (keystore !== undefined) {
    let json: string
    try {
      json = await readFile(keystore, 'utf8')
    } catch (error) {
      const code = (error as { code?: string }).code
      throw new SignerError(
        code === 'ENOENT'
          ? `The keystore ${keystore} does not exist.`
          : `The keystore ${keystore} cannot be read (${code ?? 'unknown error'}).`,
      )
    }
    // A file that is no keystore is said to be one before anyone is asked for a password.
    const parsed = parseKeystore(json, `the keystore ${keystore}`)
    const password = env[KEYSTORE_PASSWORD_ENV] ?? (await askPassword(keystore, prompt))
    remember(password)
    return accountOf(await decryptKeystore(parsed, password), 'keystore')
  }
  const key = env[PRIVATE_KEY_ENV]
  if (key === undefined || key.trim() === '')
    throw new SignerError(`No key to sign the transaction with (daimm ${command} sends one).`, {
      metaMessages: [
        `Set ${PRIVATE_KEY_ENV}=0x… (64 hex digits), or pass --keystore <file> with its password in ${KEYSTORE_PASSWORD_ENV} or at the prompt.`,
      ],
    })
  return accountOf(key.trim(), PRIVATE_KEY_ENV)
}

async function askPassword(keystore: string, prompt: PasswordPrompt | undefined): Promise<string> {
  if (!prompt)
    throw new SignerError(`The keystore ${keystore} is encrypted, and no password was given.`, {
      metaMessages: [
        `Set ${KEYSTORE_PASSWORD_ENV}, or run the command in a terminal to be asked for it.`,
      ],
    })
  return prompt(`Password for ${keystore}: `)
}

/** The account of a key, checked without the key ever reaching an error message. */
function accountOf(key: string, source: string): LocalAccount {
  remember(key)
  const hex = key.startsWith('0x') ? key : `0x${key}`
  remember(hex)
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
    throw new SignerError(
      `${source === 'keystore' ? 'The keystore' : source} does not hold a private key: expected 0x and 64 hex digits (${Math.max(0, hex.length - 2)} characters given).`,
    )
  try {
    return privateKeyToAccount(hex as Hex)
  } catch {
    // The library's message may quote the key: it is replaced, not wrapped.
    throw new SignerError(
      `${source === 'keystore' ? 'The keystore' : source} holds no valid secp256k1 private key (zero, or not below the curve order).`,
    )
  }
}

/**
 * Reads a password on a terminal without echoing it: the question goes to stderr, each typed
 * character is swallowed, Enter ends, Ctrl-C and Ctrl-D abort.
 */
export function terminalPrompt(
  stdin: NodeJS.ReadStream,
  stderr: { write(text: string): unknown },
): PasswordPrompt | undefined {
  if (!stdin.isTTY) return undefined
  return (question) =>
    new Promise((done, fail) => {
      stderr.write(question)
      let password = ''
      const finish = (error?: Error) => {
        stdin.off('data', onData)
        stdin.setRawMode(false)
        stdin.pause()
        stderr.write('\n')
        if (error) fail(error)
        else done(password)
      }
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') return finish()
          if (char === '\u0003' || char === '\u0004')
            return finish(new SignerError('Cancelled at the password prompt.'))
          if (char === '\u007f' || char === '\b') password = password.slice(0, -1)
          else password += char
        }
      }
      stdin.setRawMode(true)
      stdin.resume()
      stdin.on('data', onData)
    })
}
