import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { stakeManagerAbi } from '../../src/index.js'
import { encryptKeystore } from '../unit/cli-keystore-fixture.js'
import { keyEnv, testKey, useDaimm } from './cli-run.js'
import { fundFromGenesis } from './genesis.js'
import { advance, chain, giveEth, revertAfterFile } from './local.js'

const { publicClient, deployment } = chain
const validator = testKey('cli.staking.validator')
const holder = testKey('cli.staking.holder')
const password = 'correct horse battery staple'

describe('daimm stake, unstake and withdraw', () => {
  revertAfterFile()
  const { cli, daimm } = useDaimm()
  const asValidator = { env: keyEnv('cli.staking.validator') }
  let keystore: string

  test('stake --validator stakes, joins the validator set and syncs the sortition weight', async () => {
    await giveEth(validator.account, holder.account)
    await fundFromGenesis(chain, validator.account.address, parseEther('20000'))
    await fundFromGenesis(chain, holder.account.address, parseEther('1000'))

    const { code, stdout, stderr } = await daimm(
      ['stake', '12000', '--validator', '--json'],
      asValidator,
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      account: validator.account.address,
      amount: parseEther('12000').toString(),
      staked: parseEther('12000').toString(),
      unbonding: '0',
      isValidator: true,
      sortitionWeight: parseEther('12000').toString(),
      weightSynced: true,
    })

    const human = await daimm(['stake', '1000.5'], asValidator)
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(
      new RegExp(
        `^Staked 1,000\\.5 DAIMM from ${validator.account.address}\\n {2}transaction +0x[0-9a-f]{64}\\n {2}staked +13,000\\.5 DAIMM\\n`,
      ),
    )
    expect(human.stdout).toMatch(/\n {2}validator +yes\n$/)
  })

  test('a keystore signs with the password from the environment; neither is ever printed', async () => {
    keystore = join(cli.directory, 'holder.json')
    await writeFile(keystore, encryptKeystore(holder.key, password))
    const { code, stdout, stderr } = await daimm(
      ['stake', '100', '--keystore', keystore, '--json'],
      {
        env: { DAIMM_KEYSTORE_PASSWORD: password },
      },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      account: holder.account.address,
      staked: parseEther('100').toString(),
      isValidator: false,
    })
    for (const secret of [holder.key, holder.key.slice(2), password])
      expect(`${stdout}${stderr}`).not.toContain(secret)
  })

  test('a wrong password, a missing password and a malformed key fail in one line, without secrets', async () => {
    const wrong = await daimm(['stake', '1', '--keystore', keystore], {
      env: { DAIMM_KEYSTORE_PASSWORD: 'Tr0ub4dor&3' },
    })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toBe(
      `daimm stake: Wrong password for the keystore ${keystore}: its MAC does not match.\n\nCheck DAIMM_KEYSTORE_PASSWORD (or what you typed); the keystore itself is not changed.\n`,
    )
    expect(wrong.stderr).not.toContain('Tr0ub4dor')

    // No terminal to ask on, and nothing in the environment.
    const none = await daimm(['stake', '1', '--keystore', keystore])
    expect(none.code).toBe(1)
    expect(none.stderr.split('\n')[0]).toBe(
      `daimm stake: The keystore ${keystore} is encrypted, and no password was given.`,
    )

    const almost = `${holder.key.slice(0, 60)}zz`
    const malformed = await daimm(['stake', '1', '--debug'], { env: { DAIMM_PRIVATE_KEY: almost } })
    expect(malformed.code).toBe(1)
    expect(malformed.stderr).toMatch(
      /^SignerError: DAIMM_PRIVATE_KEY does not hold a private key: expected 0x and 64 hex digits \(60 characters given\)\.\n {4}at /,
    )
    expect(malformed.stderr).not.toContain(almost.slice(2, 40))
  })

  test('unstake queues stake until the unbonding period ends; withdraw takes it then', async () => {
    const period = await publicClient.readContract({
      address: deployment.contracts.stakeManager,
      abi: stakeManagerAbi,
      functionName: 'unbondingPeriod',
    })
    const unstaked = await daimm(['unstake', '2000', '--json'], asValidator)
    expect(unstaked.stderr).toBe('')
    expect(unstaked.code).toBe(0)
    const request = JSON.parse(unstaked.stdout)
    const { timestamp } = await publicClient.getBlock()
    expect(request).toMatchObject({
      amount: parseEther('2000').toString(),
      staked: parseEther('11000.5').toString(),
      unbonding: parseEther('2000').toString(),
      withdrawable: '0',
    })
    // Chain time: seconds since the epoch, as a decimal string like every bigint in --json.
    expect(request.releaseAt).toBe((timestamp + period).toString())

    const early = await daimm(['withdraw'], asValidator)
    expect(early.code).toBe(1)
    expect(early.stderr).toBe(
      `daimm withdraw: Nothing has finished unbonding yet; the next request is released at ${new Date(Number(request.releaseAt) * 1000).toISOString()}.\n\nContract error: StakeManagerNothingToWithdraw(${validator.account.address}, ${request.releaseAt})\nFunction: withdraw\n`,
    )

    await advance(period + 1n)
    const withdrawn = await daimm(['withdraw'], asValidator)
    expect(withdrawn.stderr).toBe('')
    expect(withdrawn.code).toBe(0)
    expect(withdrawn.stdout).toMatch(
      new RegExp(`^Withdrew 2,000 DAIMM \\(1 request\\) to ${validator.account.address}\\n`),
    )
    expect(withdrawn.stdout).toMatch(/\n {2}unbonding +0 DAIMM\n/)
  })

  test('unstake all takes every unlocked token; wrong amounts are usage errors', async () => {
    const all = await daimm(['unstake', 'all', '--json'], { env: keyEnv('cli.staking.holder') })
    expect(all.code).toBe(0)
    expect(JSON.parse(all.stdout)).toMatchObject({
      amount: parseEther('100').toString(),
      staked: '0',
    })
    const nothing = await daimm(['unstake', 'all'], { env: keyEnv('cli.staking.holder') })
    expect(nothing.code).toBe(1)
    expect(nothing.stderr).toMatch(/has no unlocked stake to unstake/)

    for (const args of [['stake'], ['stake', 'ten'], ['stake', '0'], ['unstake', '1', '2']]) {
      const run = await daimm(args, asValidator)
      expect(run.code).toBe(2)
      expect(run.stderr.split('\n')).toHaveLength(4)
    }
    const tooMuch = await daimm(['stake', '1000000'], asValidator)
    expect(tooMuch.code).toBe(1)
    expect(tooMuch.stderr).toMatch(
      new RegExp(
        `^daimm stake: ${validator.account.address} holds 8,999\\.5 DAIMM, less than the 1,000,000 to stake\\.\\n$`,
      ),
    )
  })
})
