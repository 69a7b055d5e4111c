import { EventEmitter } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadSigner, redactSecrets, SignerError, terminalPrompt } from '../../src/cli/keys.js'
import {
  decryptKeystore,
  InvalidKeystoreError,
  KeystorePasswordError,
} from '../../src/cli/keystore.js'
import { encryptKeystore } from './cli-keystore-fixture.js'

const key = keccak256(toHex('daimm.unit.cli.keys'))
const address = privateKeyToAccount(key).address
const password = 'hunter2 but longer'

/** The two test vectors of the Web3 Secret Storage definition: password "testpassword". */
const specKey = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d'
const specPbkdf2 = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: 'hmac-sha256',
      salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd',
    },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}
const specScrypt = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '83dbcc02d8ccb40e466191a123791e0e' },
    ciphertext: 'd172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c',
    kdf: 'scrypt',
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: 'ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19',
    },
    mac: '2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}

let directory: string
let keystore: string

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'daimm-cli-keys-'))
  keystore = join(directory, 'key.json')
  await writeFile(keystore, encryptKeystore(key, password))
})
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe('decryptKeystore', () => {
  test('opens the specification’s PBKDF2 and scrypt test vectors', async () => {
    expect(await decryptKeystore(JSON.stringify(specPbkdf2), 'testpassword')).toBe(specKey)
    // n = 2^18 with r = 1 is refused by OpenSSL: the JavaScript scrypt takes over.
    expect(await decryptKeystore(JSON.stringify(specScrypt), 'testpassword')).toBe(specKey)
  }, 30_000)

  test('opens a keystore encrypted here with known parameters', async () => {
    expect(await decryptKeystore(encryptKeystore(key, password), password)).toBe(key)
    expect(
      await decryptKeystore(encryptKeystore(key, password, { n: 2048, r: 4, p: 2 }), password),
    ).toBe(key)
  })

  test('a wrong password is told apart from a damaged file, and never echoed', async () => {
    const error = await decryptKeystore(encryptKeystore(key, password), 'not it', 'key.json').catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(KeystorePasswordError)
    expect((error as Error).message).toBe(
      'Wrong password for key.json: its MAC does not match.\n\nCheck DAIMM_KEYSTORE_PASSWORD (or what you typed); the keystore itself is not changed.',
    )
    expect((error as Error).message).not.toContain('not it')
  })

  test.each([
    ['not json', 'it is not JSON'],
    ['[]', 'it is not a JSON object'],
    [JSON.stringify({ ...specPbkdf2, version: 1 }), 'its version is 1, not 3'],
    [
      JSON.stringify({ ...specPbkdf2, crypto: { ...specPbkdf2.crypto, cipher: 'aes-128-cbc' } }),
      'its cipher is "aes-128-cbc", and only aes-128-ctr is read',
    ],
    [
      JSON.stringify({ ...specPbkdf2, crypto: { ...specPbkdf2.crypto, kdf: 'argon2' } }),
      'its kdf is "argon2", not scrypt or pbkdf2',
    ],
    [
      JSON.stringify({ ...specPbkdf2, crypto: { ...specPbkdf2.crypto, mac: 'zz' } }),
      'its "mac" is not hex',
    ],
    [
      JSON.stringify({
        ...specScrypt,
        crypto: { ...specScrypt.crypto, kdfparams: { ...specScrypt.crypto.kdfparams, n: 1000 } },
      }),
      'its scrypt n 1000 is not a power of two',
    ],
  ])('refuses %s', async (json, reason) => {
    const error = await decryptKeystore(json, 'testpassword', 'k.json').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidKeystoreError)
    expect((error as InvalidKeystoreError).shortMessage).toBe(
      `k.json is not a V3 Ethereum keystore: ${reason}.`,
    )
  })
})

describe('loadSigner', () => {
  const command = 'stake'

  test('takes DAIMM_PRIVATE_KEY, with or without 0x and surrounding space', async () => {
    for (const value of [key, key.slice(2), ` ${key}\n`])
      expect((await loadSigner({ env: { DAIMM_PRIVATE_KEY: value }, command })).address).toBe(
        address,
      )
  })

  test('without any key, says where keys come from', async () => {
    const error = await loadSigner({ env: {}, command }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SignerError)
    expect((error as Error).message).toBe(
      'No key to sign the transaction with (daimm stake sends one).\n\nSet DAIMM_PRIVATE_KEY=0x… (64 hex digits), or pass --keystore <file> with its password in DAIMM_KEYSTORE_PASSWORD or at the prompt.',
    )
  })

  test('a malformed or invalid key is refused without quoting it', async () => {
    const malformed = `${key.slice(0, 40)}xyz`
    const error = (await loadSigner({ env: { DAIMM_PRIVATE_KEY: malformed }, command }).catch(
      (e: unknown) => e,
    )) as Error
    expect(error.message).toBe(
      'DAIMM_PRIVATE_KEY does not hold a private key: expected 0x and 64 hex digits (41 characters given).',
    )
    const zero = `0x${'0'.repeat(64)}`
    const invalid = (await loadSigner({ env: { DAIMM_PRIVATE_KEY: zero }, command }).catch(
      (e: unknown) => e,
    )) as Error
    expect(invalid.message).toBe(
      'DAIMM_PRIVATE_KEY holds no valid secp256k1 private key (zero, or not below the curve order).',
    )
  })

  test('opens --keystore with DAIMM_KEYSTORE_PASSWORD, and prefers it to DAIMM_PRIVATE_KEY', async () => {
    const other = keccak256(toHex('another key'))
    const account = await loadSigner({
      keystore,
      env: { DAIMM_KEYSTORE_PASSWORD: password, DAIMM_PRIVATE_KEY: other },
      command,
    })
    expect(account.address).toBe(address)
  })

  test('asks for the password when the environment has none and a terminal is there', async () => {
    const questions: string[] = []
    const account = await loadSigner({
      keystore,
      env: {},
      prompt: async (question) => {
        questions.push(question)
        return password
      },
      command,
    })
    expect(account.address).toBe(address)
    expect(questions).toEqual([`Password for ${keystore}: `])
  })

  test('without a password nor a terminal, or with a wrong one, fails clearly', async () => {
    await expect(loadSigner({ keystore, env: {}, command })).rejects.toThrow(
      `The keystore ${keystore} is encrypted, and no password was given.`,
    )
    await expect(
      loadSigner({ keystore, env: { DAIMM_KEYSTORE_PASSWORD: 'wrong' }, command }),
    ).rejects.toThrow(KeystorePasswordError)
    await expect(
      loadSigner({ keystore: join(directory, 'missing.json'), env: {}, command }),
    ).rejects.toThrow(`The keystore ${join(directory, 'missing.json')} does not exist.`)
  })

  test('a file that is no keystore is said so before any password is asked', async () => {
    const notKeystore = join(directory, 'notes.txt')
    await writeFile(notKeystore, 'my keys are elsewhere\n')
    const asked: string[] = []
    const error = await loadSigner({
      keystore: notKeystore,
      env: {},
      prompt: async (question) => {
        asked.push(question)
        return password
      },
      command,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidKeystoreError)
    expect((error as InvalidKeystoreError).shortMessage).toBe(
      `The keystore ${notKeystore} is not a V3 Ethereum keystore: it is not JSON.`,
    )
    expect(asked).toEqual([])
  })

  test('every key and password loaded is redacted from what a failure prints', async () => {
    await loadSigner({ env: { DAIMM_PRIVATE_KEY: key }, command })
    await loadSigner({ keystore, env: { DAIMM_KEYSTORE_PASSWORD: password }, command })
    expect(redactSecrets(`key ${key} bare ${key.slice(2).toUpperCase()} pw ${password}`)).toBe(
      'key <redacted> bare <redacted> pw <redacted>',
    )
    expect(redactSecrets(`bare ${key.slice(2)}`)).toBe('bare <redacted>')
  })
})

describe('terminalPrompt', () => {
  function fakeTerminal() {
    const stdin = Object.assign(new EventEmitter(), {
      isTTY: true,
      raw: false,
      setRawMode(raw: boolean) {
        stdin.raw = raw
        return stdin
      },
      resume: () => stdin,
      pause: () => stdin,
    })
    const written: string[] = []
    return { stdin, stderr: { write: (text: string) => written.push(text) }, written }
  }

  test('reads without echo, handles backspace, and restores the terminal', async () => {
    const { stdin, stderr, written } = fakeTerminal()
    const prompt = terminalPrompt(stdin as unknown as NodeJS.ReadStream, stderr)
    const answer = prompt?.('Password: ')
    expect(stdin.raw).toBe(true)
    stdin.emit('data', Buffer.from('secrex\u007f'))
    stdin.emit('data', Buffer.from('t\r'))
    expect(await answer).toBe('secret')
    expect(written).toEqual(['Password: ', '\n'])
    expect(stdin.raw).toBe(false)
  })

  test('Ctrl-C cancels; no terminal, no prompt', async () => {
    const { stdin, stderr } = fakeTerminal()
    const answer = terminalPrompt(stdin as unknown as NodeJS.ReadStream, stderr)?.('Password: ')
    stdin.emit('data', Buffer.from('se\u0003'))
    await expect(answer).rejects.toThrow('Cancelled at the password prompt.')
    const piped = Object.assign(new EventEmitter(), { isTTY: false })
    expect(terminalPrompt(piped as unknown as NodeJS.ReadStream, stderr)).toBeUndefined()
  })
})
