import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Hex, parseEther, sha256, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { keyEnv, testKey, useDaimm } from './cli-run.js'
import { fundFromGenesis } from './genesis.js'
import { chain, clientOf, giveEth, revertAfterFile } from './local.js'

const owner = testKey('cli.model.owner')
const opener = testKey('cli.model.opener')

describe('daimm upload, model, round open, models and index', () => {
  revertAfterFile()
  const { cli, daimm } = useDaimm()
  let file: string
  let card: string
  let id: string
  let storeDir: string

  test('register without --store stores nothing; register --store on the registered file and upload store it later', async () => {
    await giveEth(owner.account, opener.account)
    await fundFromGenesis(chain, opener.account.address, parseEther('1000'))
    const bytes = crypto.getRandomValues(new Uint8Array(4096))
    file = join(cli.directory, 'model.bin')
    card = join(cli.directory, 'card.json')
    storeDir = join(cli.directory, 'store')
    await writeFile(file, bytes)
    await writeFile(
      card,
      JSON.stringify({ name: 'Tiny net', description: 'A test model', author: 'Ada' }),
    )
    const cardCid = JSON.parse(
      (await daimm(['upload', card, '--store', storeDir, '--json'], { connect: false })).stdout,
    )
    expect(cardCid).toMatchObject({
      cid: expect.stringMatching(/^bafkrei/),
      stored: [`the store ${storeDir}`],
    })
    const registered = await daimm(
      ['register', file, '--metadata-cid', cardCid.cid, '--no-commit', '--json'],
      { env: keyEnv('cli.model.owner') },
    )
    expect(registered.code).toBe(0)
    const result = JSON.parse(registered.stdout)
    id = result.id
    expect(id).toBe(sha256(toHex(bytes)))
    expect(result.stored).toEqual([])
    expect(await readdir(storeDir)).not.toContain(result.artifactCid)

    const again = await daimm(['register', file, '--store', storeDir, '--json'], {
      env: keyEnv('cli.model.owner'),
    })
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({
      alreadyRegistered: true,
      stored: [`the store ${storeDir}`],
    })
    expect(await readdir(storeDir)).toContain(result.artifactCid)

    const uploaded = await daimm(['upload', file, '--store', join(cli.directory, 'other')], {
      connect: false,
    })
    expect(uploaded.code).toBe(0)
    expect(uploaded.stdout).toContain(`  CID          ${result.artifactCid}\n`)
    const refused = await daimm(['upload', file], { connect: false })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^daimm upload: daimm upload needs somewhere to put the file\./)
  })

  test('daimm model shows the card, reputation, evaluation and open offers', async () => {
    await clientOf(owner.account).market.publishOffer({
      terms: {
        modelId: id as `0x${string}`,
        price: parseEther('0.5'),
        duration: 30n * 86_400n,
        supplyCap: 3,
        commercial: true,
        termsCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
      },
    })
    const shown = await daimm(['model', id, '--store', storeDir])
    expect(shown.stderr).toBe('')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(new RegExp(`^Model ${id}\\n`))
    expect(shown.stdout).toContain('  name         Tiny net\n')
    expect(shown.stdout).toContain('  description  A test model\n')
    expect(shown.stdout).toContain('  author       Ada\n')
    expect(shown.stdout).toContain(`(reputation 0%)`)
    expect(shown.stdout).toContain('  evaluation   none yet\n')
    expect(shown.stdout).toMatch(/\n {2}offer \d+ +0\.5 ETH, 30 days, commercial, 3 of 3 left\n/)
    const json = JSON.parse((await daimm(['model', id, '--json'])).stdout)
    expect(json).toMatchObject({ id, reputation: { bps: 0 }, card: null, evaluations: [] })
    expect(json.offers).toHaveLength(1)
    // Times in --json are chain time, seconds since the epoch as a decimal string, like amounts.
    const model = await clientOf(owner.account).registry.getModel({ id: id as Hex })
    expect(json.registeredAt).toBe(model?.registeredAt.toString())
    const missing = await daimm(['model', `0x${'ab'.repeat(32)}`])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^daimm model: /)
  })

  test('daimm round open opens a round on the model; daimm models shows reputations', async () => {
    const usage = await daimm(['round', 'open', id, '--metric', 'accuracy'], {
      env: keyEnv('cli.model.opener'),
    })
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(
      /^daimm round: daimm round open needs --dataset, --budget, --seats\./,
    )
    const { minBudgetPerSeat } = await clientOf(opener.account).scoring.getParameters()
    const budget = (minBudgetPerSeat * 3n) / 10n ** 18n + 1n
    const opened = await daimm(
      [
        'round',
        'open',
        id,
        '--dataset',
        'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
        '--metric',
        'accuracy',
        '--budget',
        String(budget),
        '--seats',
        '3',
        '--json',
      ],
      { env: keyEnv('cli.model.opener') },
    )
    expect(opened.stderr).toBe('')
    expect(opened.code).toBe(0)
    const { roundId, approval } = JSON.parse(opened.stdout)
    expect(approval).toMatch(/^0x[0-9a-f]{64}$/)
    const round = await clientOf(opener.account).scoring.getRound({ roundId: BigInt(roundId) })
    expect(round).toMatchObject({
      subjectId: id,
      committeeSize: 3,
      budget: parseEther(String(budget)),
    })

    const listed = await daimm(['models', '--owner', owner.account.address])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/ reputation /)
    expect(listed.stdout).toMatch(/ 0% /)
  })
})
