import { parseEther, BaseError as ViemBaseError } from 'viem'
import { describe, expect, test } from 'vitest'
import { parseChainId, redact } from '../../src/cli/chain.js'
import {
  CliFailure,
  parseAddress,
  parseAmount,
  parseId,
  parseModelId,
  runReporting,
  toCliFailure,
} from '../../src/cli/chain-command.js'
import { CliUsageError } from '../../src/cli/command.js'
import { runCli } from '../../src/cli/dispatch.js'
import { loadSigner } from '../../src/cli/keys.js'
import { DaimmError } from '../../src/errors.js'

/** A fake `process` for runCli: captured streams, the environment given, no terminal. */
function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  return {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text), isTTY: false },
      env,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  }
}

describe('flag values', () => {
  test('amounts are decimals in the token’s units', () => {
    expect(parseAmount('The amount', '10000')).toBe(parseEther('10000'))
    expect(parseAmount('The amount', '2.5')).toBe(parseEther('2.5'))
    expect(parseAmount('The amount', '1_000')).toBe(parseEther('1000'))
    expect(parseAmount('--max-price', '0.000001', 6)).toBe(1n)
    expect(() => parseAmount('The amount', '-1')).toThrow(
      'The amount takes a decimal amount, not "-1".',
    )
    expect(() => parseAmount('The amount', '1e18')).toThrow(CliUsageError)
    expect(() => parseAmount('--max-price', '0.0000001', 6)).toThrow(
      '--max-price has 7 decimals, but the token has 6.',
    )
  })

  test('model ids are 32-byte hex or a decimal token id; addresses are checked', () => {
    const id = `0x${'Ab'.repeat(32)}`
    expect(parseModelId('--parent', id)).toBe(id.toLowerCase())
    expect(parseModelId('--parent', '255')).toBe(`0x${'0'.repeat(62)}ff`)
    expect(() => parseModelId('--parent', '0x1234')).toThrow(
      '--parent takes a model id (0x and 64 hex digits, the file\'s SHA-256), not "0x1234".',
    )
    expect(parseAddress('--owner', '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')).toBe(
      '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    )
    expect(() => parseAddress('--owner', 'alice')).toThrow(CliUsageError)
    expect(parseId('The round id', '7', 'daimm validate 7')).toBe(7n)
    expect(() => parseId('The round id', '#7', 'daimm validate 7')).toThrow(
      'The round id is a whole number, not "#7".',
    )
  })

  test('--chain is a chain id; RPC URLs lose their secrets in messages', () => {
    expect(parseChainId('31337')).toBe(31337)
    expect(() => parseChainId('mainnet')).toThrow(
      '--chain takes a chain id (a whole number), not "mainnet".',
    )
    expect(() => parseChainId('0')).toThrow(CliUsageError)
    expect(redact('https://user:pass@rpc.example/v2/abcdefghijklmnop1234?key=secret')).toBe(
      'https://rpc.example/v2/…?…',
    )
    expect(redact('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545')
  })
})

describe('failures', () => {
  test('a library error keeps its reason and hints, and loses its long details', () => {
    const long = new DaimmError('No model is registered under id 0x01.', {
      metaMessages: ['Contract error: UnknownModel(1)'],
      details: 'Raw Call Arguments:\n  from: 0x…\n  data: 0x…',
    })
    const failure = toCliFailure(long)
    expect(failure).toBeInstanceOf(CliFailure)
    expect(failure.message).toBe(
      'No model is registered under id 0x01.\n\nContract error: UnknownModel(1)',
    )
    const viem = new ViemBaseError('HTTP request failed.', { details: 'fetch failed' })
    expect(toCliFailure(viem).message).toBe(
      'HTTP request failed (fetch failed).\n\nRun again with --debug for the node’s full answer.',
    )
    expect(toCliFailure(new TypeError('x is undefined\n    at f')).message).toBe(
      'x is undefined\n\nThis looks like a bug: run again with --debug for the stack trace, and report it with the command you ran.',
    )
    const usage = new CliUsageError('Unknown option --x.')
    expect(toCliFailure(usage)).toBe(usage)
  })

  test('the stack is printed with --debug only, and never a loaded key', async () => {
    const key = `0x${'5a'.repeat(32)}`
    await loadSigner({ env: { DAIMM_PRIVATE_KEY: key }, command: 'test' })
    const leaking = () => Promise.reject(new Error(`signing with ${key} failed`))
    for (const args of [[], ['--debug']]) {
      const { io, stderr } = fakeIo()
      const error = (await runReporting(args, io, leaking).catch((e: unknown) => e)) as Error
      expect(error.message).toMatch(/^signing with <redacted> failed\n/)
      expect(stderr()).toEqual(
        args.length ? expect.stringMatching(/^Error: signing with <redacted> failed\n {4}at /) : '',
      )
      expect(`${error.message}${stderr()}`).not.toContain('5a5a5a5a')
    }
  })
})

describe('the on-chain commands', () => {
  test('are listed by daimm --help, and each has its help', async () => {
    const { io, stdout } = fakeIo()
    expect(await runCli(['--help'], io)).toBe(0)
    for (const name of [
      'register',
      'models',
      'stake',
      'unstake',
      'withdraw',
      'validate',
      'buy',
      'claim',
    ])
      expect(stdout()).toMatch(new RegExp(`\\n {2}${name} +\\S`))
    for (const name of [
      'register',
      'models',
      'stake',
      'unstake',
      'withdraw',
      'validate',
      'buy',
      'claim',
    ]) {
      const help = fakeIo()
      expect(await runCli([name, '--help'], help.io)).toBe(0)
      expect(help.stdout()).toMatch(new RegExp(`^Usage: daimm ${name}`))
      for (const flag of ['--rpc', '--chain', '--deployment', '--json', '--debug'])
        expect(help.stdout()).toContain(`  ${flag} `)
    }
  })

  test.each([
    [['stake', '--amount', '5'], 'daimm stake: Unknown option --amount.'],
    [['stake'], 'daimm stake: daimm stake needs an amount of DAIMM.'],
    [
      ['stake', '5', '--sync'],
      'daimm stake: --sync takes no amount: it only syncs your sortition weight.',
    ],
    [['unstake'], 'daimm unstake: daimm unstake needs an amount of DAIMM (or all).'],
    [['withdraw', 'now'], 'daimm withdraw: daimm withdraw takes no argument, but got now.'],
    [['validate'], 'daimm validate: daimm validate needs a round id.'],
    [
      ['validate', '3', '--input-shape', '0,4'],
      'daimm validate: --input-shape takes whole dimensions of at least 1 separated by commas, not "0,4".',
    ],
    [
      ['validate', '3', '--store', 'd', '--poll', '0'],
      'daimm validate: --poll takes a number of seconds above 0, not "0".',
    ],
    [
      ['buy', '1', '--max-price', 'cheap'],
      'daimm buy: --max-price takes a decimal amount, not "cheap".',
    ],
    [['register'], 'daimm register: daimm register needs a file to register.'],
    [
      ['register', 'm.onnx', '--metadata', 'a', '--metadata-cid', 'b'],
      'daimm register: --metadata and --metadata-cid both name the model card.',
    ],
    [
      ['register', 'm.onnx', '--relation', 'merge'],
      'daimm register: --relation says how a model derives from its parent: give --parent too.',
    ],
    [['models', '--kind', 'weights'], 'daimm models: --kind is model, dataset, not "weights".'],
    [
      ['models', '--min-score', '101'],
      'daimm models: --min-score is at most 100 (scores run 1–100), not 101.',
    ],
    [['claim', '--round', 'last'], 'daimm claim: --round is a whole number, not "last".'],
    [['models', '--rpc', 'localhost'], 'daimm models: --rpc takes a URL, not "localhost".'],
  ])('daimm %j is a usage error (exit 2), before any network call', async (args, first) => {
    const { io, stderr } = fakeIo()
    expect(await runCli(args, io)).toBe(2)
    expect(stderr().split('\n')[0]).toBe(first)
  })

  test('a write without a key fails before any network call (exit 1)', async () => {
    for (const name of ['stake', 'unstake', 'buy']) {
      const { io, stderr } = fakeIo()
      expect(await runCli([name, '5', '--rpc', 'http://127.0.0.1:9'], io)).toBe(1)
      expect(stderr().split('\n')[0]).toBe(
        `daimm ${name}: No key to sign the transaction with (daimm ${name} sends one).`,
      )
    }
  })
})
