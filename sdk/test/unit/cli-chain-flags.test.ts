import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEther, toHex, BaseError as ViemBaseError, zeroAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseChainId, redact } from '../../src/cli/chain.js'
import {
  CliFailure,
  parseAddress,
  parseAmount,
  parseDeadline,
  parseDuration,
  parseId,
  parseModelId,
  runReporting,
  toCliFailure,
} from '../../src/cli/chain-command.js'
import { CliUsageError } from '../../src/cli/command.js'
import { runCli } from '../../src/cli/dispatch.js'
import { loadSigner } from '../../src/cli/keys.js'
import {
  checkSignedOfferChain,
  readSignedOffer,
  type SignedOfferFile,
  signedOfferText,
} from '../../src/cli/signed-offer.js'
import { getDeployment } from '../../src/deployments.js'
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

  test('durations are seconds or a whole number of a unit; deadlines a duration or a date', () => {
    expect(parseDuration('--duration', '3600')).toBe(3600)
    expect(parseDuration('--duration', '90s')).toBe(90)
    expect(parseDuration('--duration', '45m')).toBe(2700)
    expect(parseDuration('--duration', '12h')).toBe(43_200)
    expect(parseDuration('--duration', '30d')).toBe(2_592_000)
    expect(parseDuration('--duration', '2w')).toBe(1_209_600)
    for (const bad of ['1.5d', '3 days', '-1', 'd', ''])
      expect(() => parseDuration('--duration', bad)).toThrow(
        `--duration takes a duration (whole seconds, or a whole number of s, m, h, d or w), not ${JSON.stringify(bad)}.`,
      )
    expect(parseDeadline('--deadline', '7d')).toEqual({ after: 604_800 })
    expect(parseDeadline('--deadline', '3600')).toEqual({ after: 3600 })
    expect(parseDeadline('--deadline', '2030-07-01')).toEqual({
      at: BigInt(Date.UTC(2030, 6, 1) / 1000),
    })
    // UTC unless a zone is given.
    expect(parseDeadline('--deadline', '2030-07-01T12:30')).toEqual({
      at: BigInt(Date.UTC(2030, 6, 1, 12, 30) / 1000),
    })
    expect(parseDeadline('--deadline', '2030-07-01T12:30:00+02:00')).toEqual({
      at: BigInt(Date.UTC(2030, 6, 1, 10, 30) / 1000),
    })
    expect(() => parseDeadline('--deadline', 'next week')).toThrow(
      '--deadline takes a duration from now (e.g. 7d, 12h) or a date (e.g. 2025-07-01 or 2025-07-01T12:00Z), not "next week".',
    )
    expect(() => parseDeadline('--deadline', '2030-13-01')).toThrow(
      '--deadline is not a real date: "2030-13-01".',
    )
    expect(() => parseDeadline('--deadline', '1900000000')).toThrow(
      '--deadline takes a duration from now or a date, and 1900000000 looks like a Unix timestamp.',
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
  const chainCommandNames = [
    'register',
    'models',
    'stake',
    'unstake',
    'withdraw',
    'validate',
    'finalize',
    'offer',
    'buy',
    'review',
    'claim',
    'gov',
  ]

  test('are listed by daimm --help, and each has its help', async () => {
    const { io, stdout } = fakeIo()
    expect(await runCli(['--help'], io)).toBe(0)
    for (const name of chainCommandNames)
      expect(stdout()).toMatch(new RegExp(`\\n {2}${name} +\\S`))
    for (const name of chainCommandNames) {
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
    [['review'], 'daimm review: daimm review needs a model id.'],
    [
      ['review', `0x${'11'.repeat(32)}`, '--rating', '6', '--text', 'great'],
      'daimm review: --rating is 1 to 5 stars, not 6.',
    ],
    [
      ['review', `0x${'11'.repeat(32)}`, '--rating', '4'],
      'daimm review: --text is required: the review itself.',
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
    [['gov'], 'daimm gov: daimm gov needs a subcommand.'],
    [['gov', 'veto', '1'], 'daimm gov: daimm gov has no subcommand "veto".'],
    [['gov', 'propose', 'calls.json'], 'daimm gov: daimm gov propose needs --description <text>.'],
    [
      ['gov', 'status', '1', '--reason', 'x'],
      'daimm gov: --reason goes with `daimm gov vote` only.',
    ],
    [['offer', '--terms', 't.txt'], 'daimm offer: daimm offer needs a model id.'],
    [
      ['offer', '7', '--terms', 't.txt'],
      'daimm offer: daimm offer needs --price: the price of one license.',
    ],
    [
      ['offer', '7', '--price', '0.1'],
      'daimm offer: daimm offer needs --terms: the license text, as a file or the CID of one.',
    ],
    [
      ['offer', '7', '--price', 'free', '--terms', 't.txt'],
      'daimm offer: --price takes a decimal amount, not "free".',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 't.txt', '--duration', '1 month'],
      'daimm offer: --duration takes a duration (whole seconds, or a whole number of s, m, h, d or w), not "1 month".',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 't.txt', '--duration', '4294967296'],
      'daimm offer: --duration is at most 4294967295 seconds (about 136 years), not 4294967296; leave it out for perpetual licenses.',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 't.txt', '--supply', '16777216'],
      'daimm offer: --supply is at most 16777215, not 16777216; leave it out for an unlimited supply.',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 't.txt', '--token', 'USDC'],
      'daimm offer: --token takes an address (0x and 40 hex digits), not "USDC".',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 't.txt', '--out', 'o.json'],
      'daimm offer: --out goes with --sign: it describes a signed offer.',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 't.txt', '--sign'],
      'daimm offer: --sign needs --deadline: until when buyers can fill the offer.',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 't.txt', '--sign', '--deadline', 'soon'],
      'daimm offer: --deadline takes a duration from now (e.g. 7d, 12h) or a date (e.g. 2025-07-01 or 2025-07-01T12:00Z), not "soon".',
    ],
    [
      ['offer', '7', '--price', '1', '--terms', 'no-such-file'],
      'daimm offer: --terms takes a file or a CID, but there is no file "no-such-file", nor is it a CID.',
    ],
    [
      ['offer', '--cancel', '3', '--price', '1'],
      'daimm offer: --cancel cancels an offer: it takes no --price.',
    ],
    [
      ['offer', '--cancel', '3', '--cancel-signed', 'o.json'],
      'daimm offer: --cancel and --cancel-signed each cancel an offer: give one.',
    ],
    [['offer', '--cancel', 'last'], 'daimm offer: --cancel is a whole number, not "last".'],
    [
      ['buy', '3', '--signed', 'o.json'],
      'daimm buy: --signed fills the offer in a file: give no offer id too (got 3).',
    ],
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

describe('signed-offer files', () => {
  let directory: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'daimm-signed-offer-'))
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })
  const deployment = getDeployment(31337)
  const signed: SignedOfferFile = {
    chainId: 31337,
    marketplace: deployment.contracts.market,
    offer: {
      modelId: toHex(2n ** 255n + 7n, { size: 32 }),
      seller: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      token: zeroAddress,
      price: parseEther('0.1'),
      duration: 86_400n,
      supplyCap: 10,
      commercial: true,
      termsCid: '0x01551220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
      nonce: 3n,
      deadline: 1_900_000_000n,
    },
    signature: `0x${'ab'.repeat(65)}`,
  }
  const file = async (name: string, text: string) => {
    const path = join(directory, name)
    await writeFile(path, text)
    return path
  }
  const reason = (path: string) =>
    readSignedOffer(path).then(
      () => expect.unreachable('the file should be refused'),
      (error: Error) => error.message.split('\n')[0],
    )

  test('round-trip: the model id as hex, bigints as decimal strings, read back as they were', async () => {
    const text = signedOfferText(signed)
    expect(JSON.parse(text).offer).toMatchObject({
      modelId: toHex(2n ** 255n + 7n, { size: 32 }),
      price: '100000000000000000',
      nonce: '3',
      deadline: '1900000000',
    })
    expect(await readSignedOffer(await file('ok.json', text))).toEqual(signed)
    // chainId and marketplace are optional: a file made from signOffer's result alone.
    const { chainId: _, marketplace: __, ...bare } = JSON.parse(text)
    expect(await readSignedOffer(await file('bare.json', JSON.stringify(bare)))).toEqual({
      ...signed,
      chainId: undefined,
      marketplace: undefined,
    })
  })

  test('each wrong field is named', async () => {
    const json = JSON.parse(signedOfferText(signed))
    const path = (name: string, value: unknown) => file(name, JSON.stringify(value))
    expect(await reason(await file('text.json', 'offer: yes'))).toMatch(
      /^.*text\.json is not a signed offer: it is not JSON \(/,
    )
    expect(await reason(await path('no-offer.json', { signature: json.signature }))).toMatch(
      /no-offer\.json is not a signed offer: "offer" is missing\.$/,
    )
    for (const [field, value, what] of [
      ['price', '0.1', 'an amount in base units as a decimal string'],
      ['price', (2n ** 96n).toString(), 'an amount in base units as a decimal string'],
      ['seller', 'alice', 'an address'],
      ['supplyCap', 2 ** 24, 'a whole number below 16,777,216'],
      ['commercial', 'yes', 'true or false'],
      ['termsCid', 'bafkrei', 'a binary CID in hex (0x01…)'],
    ] as const)
      expect(
        await reason(
          await path(`${field}.json`, { ...json, offer: { ...json.offer, [field]: value } }),
        ),
      ).toContain(
        `is not a signed offer: "offer.${field}" is ${JSON.stringify(value)}, not ${what}.`,
      )
    expect(await reason(await path('sig.json', { ...json, signature: 'signed by me' }))).toMatch(
      /"signature" is "signed by me", not hex bytes \(0x…\)\.$/,
    )
    expect(await reason(join(directory, 'absent.json'))).toMatch(
      /^The signed offer file .*absent\.json cannot be read \(ENOENT\)\.$/,
    )
  })

  test('another chain or Marketplace than the connection’s is refused', () => {
    expect(() =>
      checkSignedOfferChain('o.json', signed, { chainId: 31337, deployment }),
    ).not.toThrow()
    expect(() => checkSignedOfferChain('o.json', signed, { chainId: 1, deployment })).toThrow(
      'o.json is an offer on chain 31337, but the node is chain 1.',
    )
    expect(() =>
      checkSignedOfferChain(
        'o.json',
        { ...signed, marketplace: zeroAddress },
        { chainId: 31337, deployment },
      ),
    ).toThrow(
      `o.json is an offer for the Marketplace at ${zeroAddress}, but the deployment's is ${deployment.contracts.market}.`,
    )
  })
})
