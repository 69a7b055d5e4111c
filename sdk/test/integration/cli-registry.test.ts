import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sha256, toHex } from 'viem'
import { describe, expect, inject, test } from 'vitest'
import { registrationCommitment } from '../../src/index.js'
import { assets } from '../unit/eval/assets.js'
import { keyEnv, testKey, useDaimm } from './cli-run.js'
import { chain, clientOf, giveEth, revertAfterFile } from './local.js'

const publisher = testKey('cli.registry.publisher')
const other = testKey('cli.registry.other')
const iris = join(assets, 'iris-mlp.onnx')
const digits = join(assets, 'digits-cnn.onnx')

describe('daimm register and daimm models', () => {
  revertAfterFile()
  const { cli, daimm } = useDaimm()
  let irisId: string
  let storeDir: string

  test('register hashes the file, stores it with a generated card, commits, then registers', async () => {
    await giveEth(publisher.account, other.account)
    storeDir = join(cli.directory, 'store')
    const { code, stdout, stderr } = await daimm(
      ['register', iris, '--store', storeDir, '--json'],
      {
        env: keyEnv('cli.registry.publisher'),
      },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    irisId = result.id
    expect(result).toMatchObject({
      id: '0xf429650b160154711d7c0bfcc5beaab1ca05341eba195267d7e636f6e948dba0',
      owner: publisher.account.address,
      alreadyRegistered: false,
      committed: true,
      stored: [`the store ${storeDir}`],
      parent: null,
      kind: 'model',
    })
    expect(result.transactions.commit).toMatch(/^0x[0-9a-f]{64}$/)
    expect(result.transactions.register).toMatch(/^0x[0-9a-f]{64}$/)
    // Artifact and card are in the store under their CIDs; the card names the artifact.
    const stored = (await readdir(storeDir)).filter((name) => !name.endsWith('.json'))
    expect(stored.sort()).toEqual([result.artifactCid, result.metadataCid].sort())
    // The commitment's salt is removed from the state directory once it is used.
    expect(await readdir(cli.stateDir, { recursive: true })).not.toContainEqual(
      expect.stringMatching(/\.json$/),
    )
    const model = await clientOf(publisher.account).registry.getModel({ id: result.id })
    expect(model).toMatchObject({ owner: publisher.account.address, committed: true })
  })

  test('registering the same file again is reported, not repeated; another owner is refused', async () => {
    const again = await daimm(['register', iris], { env: keyEnv('cli.registry.publisher') })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/is registered already, to you\n/)
    const theirs = await daimm(['register', iris], { env: keyEnv('cli.registry.other') })
    expect(theirs.code).toBe(1)
    expect(theirs.stderr).toBe(
      `daimm register: ${iris} is registered already: model ${irisId} belongs to ${publisher.account.address}.\n`,
    )
  })

  test('a derived model in one transaction, with a card file and a parent', async () => {
    const card = join(cli.directory, 'card.json')
    await writeFile(card, '{"name": "digits"}\n')
    const { code, stdout, stderr } = await daimm(
      [
        'register',
        digits,
        '--parent',
        irisId,
        '--relation',
        'distilled',
        '--metadata',
        card,
        '--no-commit',
      ],
      { env: keyEnv('cli.registry.other') },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /^Registered .*digits-cnn\.onnx \(in one transaction, without a commitment\)\n/,
    )
    expect(stdout).toMatch(new RegExp(`\\n {2}parent {4}${irisId} \\(distilled\\)\\n`))
    expect(stdout).toMatch(/\n {2}metadata {2}bafkrei[a-z2-7]+\n/)
  })

  test('a run that stopped after its commit resumes from the saved salt', async () => {
    // What a run leaves when it stops after its commit: the salt in the state directory.
    const bytes = crypto.getRandomValues(new Uint8Array(100))
    const file = join(cli.directory, 'resumed.bin')
    await writeFile(file, bytes)
    const fingerprint = sha256(toHex(bytes))
    const salt = sha256(toHex('a salt'))
    const { deployment } = chain
    await clientOf(publisher.account).registry.commit({ fingerprint, salt })
    const stateFile = join(
      cli.stateDir,
      '31337',
      `registry-${deployment.contracts.registry.toLowerCase()}`,
      `${publisher.account.address.toLowerCase()}-${fingerprint}.json`,
    )
    await writeFile(
      stateFile,
      JSON.stringify({
        publisher: publisher.account.address,
        fingerprint,
        salt,
        commitment: registrationCommitment(publisher.account.address, fingerprint, salt),
      }),
    )
    const { code, stdout, stderr } = await daimm(['register', file, '--json'], {
      env: keyEnv('cli.registry.publisher'),
    })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    // No second commit: the saved one was used.
    expect(result.transactions).toEqual({ register: expect.stringMatching(/^0x/) })
    expect(result.committed).toBe(true)
    expect(result.id).toBe(fingerprint)
  })

  test('on a terminal, hashing and storing draw progress bars on stderr', async () => {
    const file = join(cli.directory, 'large.bin')
    await writeFile(
      file,
      Buffer.concat(
        Array.from({ length: 24 }, () => crypto.getRandomValues(new Uint8Array(65_536))),
      ),
    )
    const { code, stdout } = await daimm(['register', file, '--store', storeDir, '--no-commit'], {
      env: keyEnv('cli.registry.other'),
      terminal: true,
    })
    expect(code).toBe(0)
    expect(stdout).toMatch(/\rhashing large\.bin .* 100% {2}1\.5 MiB \/ 1\.5 MiB /)
    expect(stdout).toMatch(/\rstoring large\.bin in the store .* 100% /)
    expect(stdout).toMatch(
      /Registered .*large\.bin \(in one transaction, without a commitment\)\r?\n/,
    )
  })

  test('models lists every registration and filters by owner, parent, kind and score', async () => {
    const all = await daimm(['models', '--json'])
    expect(all.code).toBe(0)
    const { models } = JSON.parse(all.stdout)
    expect(models).toHaveLength(4)
    expect(models[0]).toMatchObject({
      id: irisId,
      owner: publisher.account.address,
      kind: 'model',
      status: 'active',
      parent: null,
      committed: true,
      score: null,
    })
    expect(models[0].artifactCid).toMatch(/^bafkrei/)

    const byOwner = JSON.parse(
      (await daimm(['models', '--owner', other.account.address, '--json'])).stdout,
    ).models
    expect(byOwner.map((m: { relation: string }) => m.relation)).toEqual(['distilled', 'none'])
    const byParent = JSON.parse(
      (await daimm(['models', '--parent', irisId, '--json'])).stdout,
    ).models
    expect(byParent).toHaveLength(1)
    expect(byParent[0].owner).toBe(other.account.address)
    expect(
      JSON.parse((await daimm(['models', '--kind', 'dataset', '--json'])).stdout).models,
    ).toEqual([])
    // None is scored yet.
    const scored = await daimm(['models', '--min-score', '1'])
    expect(scored.stdout).toBe('None of the 4 registered models match.\n')

    const human = await daimm(['models', '--owner', publisher.account.address])
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/^2 of 4 registered models on chain 31337\n {2}id +kind +score/)
    expect(human.stdout).toContain(`  ${irisId}  model  —      —       active  0x`)
  })

  test('the shipped deployment is used with --chain, without --deployment', async () => {
    const { code, stdout } = await daimm(
      ['models', '--chain', '31337', '--rpc', inject('rpcUrl'), '--json'],
      { connect: false },
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout).models).toHaveLength(4)
  })

  test('failures are one line and exit 1; wrong usage exits 2', async () => {
    const orphan = join(cli.directory, 'orphan.bin')
    await writeFile(orphan, crypto.getRandomValues(new Uint8Array(100)))
    const unknownParent = await daimm(['register', orphan, '--parent', `0x${'ab'.repeat(32)}`], {
      env: keyEnv('cli.registry.publisher'),
    })
    expect(unknownParent.code).toBe(1)
    expect(unknownParent.stderr.split('\n')[0]).toBe(
      `daimm register: No model is registered under id 0x${'ab'.repeat(32)}.`,
    )
    expect(unknownParent.stderr).not.toMatch(/\n {4}at /)

    const noKey = await daimm(['register', digits])
    expect(noKey.code).toBe(1)
    expect(noKey.stderr).toBe(
      'daimm register: No key to sign the transaction with (daimm register sends one).\n\nSet DAIMM_PRIVATE_KEY=0x… (64 hex digits), or pass --keystore <file> with its password in DAIMM_KEYSTORE_PASSWORD or at the prompt.\n',
    )

    const badFlag = await daimm(['models', '--ownr', '0x1'])
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toBe(
      'daimm models: Unknown option --ownr.\n\nRun `daimm models --help` for its options.\n',
    )
    const badOwner = await daimm(['models', '--owner', 'alice'])
    expect(badOwner.code).toBe(2)
    expect(badOwner.stderr).toMatch(/^daimm models: --owner takes an address/)

    const wrongChain = await daimm(['models', '--chain', '1'])
    expect(wrongChain.code).toBe(1)
    expect(wrongChain.stderr).toMatch(
      /^daimm models: The node at http:\/\/127\.0\.0\.1:\d+ is chain 31337, not 1 as --chain says\.\n/,
    )

    const noNode = await daimm(['models', '--rpc', 'http://127.0.0.1:9'], { connect: false })
    expect(noNode.code).toBe(1)
    expect(noNode.stderr).toMatch(/^daimm models: No node answers at http:\/\/127\.0\.0\.1:9 /)
  })
})
