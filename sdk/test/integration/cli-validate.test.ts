import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Hex, parseEther } from 'viem'
import { afterAll, describe, expect, test } from 'vitest'
import { createLocalStore } from '../../src/node.js'
import { type FakeGateway, startFakeGateway } from '../support/gateway-server.js'
import { assets } from '../unit/eval/assets.js'
import { keyEnv, testKey, useDaimm } from './cli-run.js'
import { fundFromGenesis } from './genesis.js'
import { advance, advancePast, chain, clientOf, giveEth, revertAfterFile } from './local.js'

const publisher = testKey('cli.validate.publisher')
const validators = [0, 1, 2].map((i) => testKey(`cli.validate.validator${i}`))
const outsider = testKey('cli.validate.outsider')
const asValidator = (i: number) => ({ env: keyEnv(`cli.validate.validator${i}`) })

describe('daimm validate, through a whole round, and daimm claim --round', () => {
  revertAfterFile()
  const { cli, daimm, start } = useDaimm()
  const byPublisher = clientOf(publisher.account)
  let store: string
  let modelId: Hex
  let datasetCid: string
  let roundId: bigint
  let commitDeadline: bigint
  let revealDeadline: bigint
  let gateway: FakeGateway
  /** What `daimm eval` computes locally: the digest every honest validator commits. */
  let localDigest: Hex
  afterAll(async () => {
    await gateway?.close()
  })

  test('validators stake through the CLI; the publisher registers the model and opens a round', async () => {
    await giveEth(publisher.account, outsider.account, ...validators.map(({ account }) => account))
    await fundFromGenesis(chain, publisher.account.address, parseEther('2000'))
    for (const [i, { account }] of validators.entries()) {
      await fundFromGenesis(chain, account.address, parseEther('20000'))
      const staked = await daimm(['stake', '20000', '--validator', '--json'], asValidator(i))
      expect(staked.code).toBe(0)
      expect(JSON.parse(staked.stdout)).toMatchObject({ weightSynced: true })
    }
    store = join(cli.directory, 'store')
    const registered = await daimm(
      ['register', join(assets, 'iris-mlp.onnx'), '--store', store, '--json'],
      { env: keyEnv('cli.validate.publisher') },
    )
    expect(registered.code).toBe(0)
    modelId = JSON.parse(registered.stdout).id
    const dataset = createLocalStore({ directory: store }).putFile(join(assets, 'iris-test.csv'))
    datasetCid = (await dataset).cid.toString()
    // A round weighs stake at the end of the second before its opening.
    await advance(1)
    const { minBudgetPerSeat } = await byPublisher.scoring.getParameters()
    ;({ roundId } = await byPublisher.scoring.openRound({
      subjectId: modelId,
      datasetCid,
      metric: 'accuracy',
      budget: minBudgetPerSeat * 3n,
      committeeSize: 3,
    }))
  })

  test('an undrawn round is drawn only with --draw; then the score is committed and the salt saved', async () => {
    const args = ['validate', String(roundId), '--store', store, '--no-wait']
    const undrawn = await daimm(args, asValidator(0))
    expect(undrawn.code).toBe(1)
    expect(undrawn.stderr).toBe(
      `daimm validate: The committee of round ${roundId} is not drawn yet.\n\nRun again with --draw to draw it (anyone may, from the block after the opening), or wait for someone to.\n`,
    )

    // In a terminal: progress bars for the downloads and the evaluation, on stderr.
    const { code, stdout } = await daimm([...args, '--draw'], { ...asValidator(0), terminal: true })
    expect(code).toBe(0)
    expect(stdout).toMatch(/\rdownloading bafkrei[a-z2-7]+ .* 100% /)
    expect(stdout).toMatch(/\revaluating 0xf429…dba0 .* 100% {2}50 \/ 50 samples /)
    expect(stdout).toMatch(
      /Evaluated 0xf429…dba0 on 50 samples: accuracy 96\.00%, score 96, digest 0x/,
    )
    expect(stdout).toMatch(new RegExp(`Committed a score in round ${roundId}\r?\n`))
    const stateFile = /\n {2}state +(\S+\.json)/.exec(stdout)?.[1] as string
    // What `daimm eval` computes from the same files: the digest other validators reproduce.
    const local = await daimm(
      ['eval', join(assets, 'iris-mlp.onnx'), '--data', join(assets, 'iris-test.csv'), '--json'],
      { connect: false },
    )
    localDigest = JSON.parse(local.stdout).digest
    // The salt is on disk, readable by its owner only, before anything can go wrong.
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({
      roundId: String(roundId),
      validator: validators[0]?.account.address,
      score: 96,
      salt: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      metric: 'accuracy',
      modelId,
      datasetCid,
      digest: JSON.parse(local.stdout).digest,
      commitTransaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
    expect(statSync(stateFile).mode & 0o777).toBe(0o600)
    const round = await byPublisher.scoring.getRound({ roundId })
    commitDeadline = round?.commitDeadline as bigint
    revealDeadline = round?.revealDeadline as bigint
    const ballot = await byPublisher.scoring.getBallot({
      roundId,
      validator: validators[0]?.account.address as Hex,
    })
    expect(ballot?.state).toBe('committed')
  })

  test('content from a gateway is verified: tampered bytes are refused before any commit', async () => {
    gateway = await startFakeGateway()
    const local = createLocalStore({ directory: store })
    // Plain copies: the fake gateway's tampering flips a byte of a slice, which a Buffer shares.
    for (const cid of await local.list())
      gateway.content.set(cid.toString(), new Uint8Array(await local.get(cid)))
    gateway.tamper = true
    const { code, stderr } = await daimm(
      ['validate', String(roundId), '--gateway', gateway.url],
      asValidator(2),
    )
    expect(code).toBe(1)
    expect(stderr).toMatch(
      new RegExp(
        `^daimm validate: Content from ${gateway.url}/ipfs/bafkrei[a-z2-7]+ does not match its CID bafkrei[a-z2-7]+\\.\\n`,
      ),
    )
    const ballot = await byPublisher.scoring.getBallot({
      roundId,
      validator: validators[2]?.account.address as Hex,
    })
    expect(ballot?.state).toBe('drawn')
    gateway.tamper = false
  })

  test('waiting validators reveal by themselves once a block passes the commit deadline', async () => {
    // One reads the local store, the other the gateway.
    const waiting = [
      start(['validate', String(roundId), '--store', store, '--poll', '0.2'], asValidator(1)),
      start(
        ['validate', String(roundId), '--gateway', gateway.url, '--poll', '0.2'],
        asValidator(2),
      ),
    ]
    // Both commit, then wait for the chain's clock: advance it only once each says it waits (a
    // commit seen on chain is not enough: the process reads the clock after its receipt).
    for (const { stderr } of waiting)
      await expect
        .poll(stderr, { timeout: 20_000, interval: 200 })
        .toMatch(/\nCommitted score 96 in round \d+; waiting for the reveal window/)
    await advancePast(commitDeadline)
    for (const { exit } of waiting) {
      const { code, stdout, stderr } = await exit
      expect(code).toBe(0)
      expect(stderr).toMatch(/^Evaluated 0xf429…dba0 on 50 samples: accuracy 96\.00%, score 96/)
      expect(stderr).toMatch(/\nCommitted score 96 in round \d+; waiting for the reveal window/)
      expect(stdout).toMatch(new RegExp(`^Revealed your score in round ${roundId}\\n`))
      expect(stdout).toMatch(/\n {2}score +96\n/)
    }
  }, 60_000)

  test('a second run reveals from the saved salt; a third finds it done', async () => {
    const args = ['validate', String(roundId), '--store', store, '--json']
    const { code, stdout, stderr } = await daimm(args, asValidator(0))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      status: 'revealed',
      score: 96,
      revealTransaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
    const again = await daimm(['validate', String(roundId), '--store', store], asValidator(0))
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(new RegExp(`^Round ${roundId}: your score is revealed already\\n`))
  })

  test('non-members, unknown rounds and missing sources are refused', async () => {
    const notMember = await daimm(['validate', String(roundId), '--store', store], {
      env: keyEnv('cli.validate.outsider'),
    })
    expect(notMember.code).toBe(1)
    expect(notMember.stderr.split('\n')[0]).toBe(
      `daimm validate: ${outsider.account.address} holds no seat in round ${roundId}.`,
    )
    const unknown = await daimm(['validate', '999', '--store', store], asValidator(0))
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe('daimm validate: No scoring round has id 999.\n')
    const noSource = await daimm(['validate', String(roundId)], asValidator(0))
    expect(noSource.code).toBe(2)
    expect(noSource.stderr.split('\n')[0]).toBe(
      'daimm validate: daimm validate needs somewhere to download content from.',
    )
  })

  test('daimm finalize settles the round after its reveal deadline, once', async () => {
    const early = await daimm(['finalize', String(roundId)], {
      env: keyEnv('cli.validate.outsider'),
    })
    expect(early.code).toBe(1)
    expect(early.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^daimm finalize: The reveal window of round ${roundId} is open until .*: finalize it after that\\.$`,
      ),
    )
    await advancePast(revealDeadline)
    // Anyone may settle: here a stranger to the round.
    const settled = await daimm(['finalize', String(roundId), '--json'], {
      env: keyEnv('cli.validate.outsider'),
    })
    expect(settled.stderr).toBe('')
    expect(settled.code).toBe(0)
    const json = JSON.parse(settled.stdout)
    expect(json).toMatchObject({
      roundId: String(roundId),
      status: 'finalized',
      consensus: 96,
      reported: [],
      unreported: [],
      transactions: { finalize: expect.stringMatching(/^0x[0-9a-f]{64}$/), report: null },
    })
    expect(await byPublisher.scoring.getRound({ roundId })).toMatchObject({
      status: 'finalized',
      result: { consensus: 96 },
    })
    // The committee agreed on the digest a buyer reproduces with `daimm eval`.
    expect((await byPublisher.registry.getModel({ id: modelId }))?.evaluation).toMatchObject({
      score: 96,
      digest: localDigest,
    })
    const again = await daimm(['finalize', String(roundId)], {
      env: keyEnv('cli.validate.outsider'),
    })
    expect(again.code).toBe(1)
    expect(again.stderr).toBe(
      `daimm finalize: Round ${roundId} is settled (finalized), with nobody left to report.\n`,
    )
    const unknown = await daimm(['finalize', '999'], { env: keyEnv('cli.validate.outsider') })
    expect(unknown.stderr).toBe('daimm finalize: No scoring round has id 999.\n')
  })

  test('after finalization, claim --round pays one validator; plain claim finds the others', async () => {
    const scored = await daimm(['models', '--min-score', '90', '--json'])
    expect(JSON.parse(scored.stdout).models).toMatchObject([{ id: modelId, score: 96 }])

    const one = await daimm(['claim', '--round', String(roundId), '--json'], asValidator(0))
    expect(one.stderr).toBe('')
    expect(one.code).toBe(0)
    const [claim] = JSON.parse(one.stdout).claims
    expect(claim).toMatchObject({ kind: 'reward', roundIds: [String(roundId)] })
    expect(BigInt(claim.amount)).toBeGreaterThan(0n)

    const dry = await daimm(['claim', '--dry-run', '--json'], asValidator(1))
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      claimable: [{ kind: 'reward', roundId: String(roundId), amount: claim.amount }],
      claims: [],
    })
    const all = await daimm(['claim'], asValidator(1))
    expect(all.code).toBe(0)
    expect(all.stdout).toMatch(new RegExp(`\\n {2}reward of round ${roundId} +[\\d,.]+ DAIMM\\n`))
    const nothing = await daimm(['claim'], asValidator(1))
    expect(nothing.stdout).toBe(`Nothing to claim for ${validators[1]?.account.address}.\n`)
    const explicit = await daimm(['claim', '--round', String(roundId)], asValidator(1))
    expect(explicit.code).toBe(1)
    expect(explicit.stderr).toBe(
      `daimm claim: ${validators[1]?.account.address} has nothing to claim on round ${roundId}.\n`,
    )
  })

  test('--abstain commits score 0 without a digest and without evaluating; the reveal abstains', async () => {
    await advance(1)
    const { minBudgetPerSeat } = await byPublisher.scoring.getParameters()
    const { roundId: abstaining } = await byPublisher.scoring.openRound({
      subjectId: modelId,
      datasetCid,
      metric: 'accuracy',
      budget: minBudgetPerSeat * 3n,
      committeeSize: 3,
    })
    const args = ['validate', String(abstaining), '--store', store, '--abstain', '--json']
    const committed = await daimm([...args, '--draw', '--no-wait'], asValidator(0))
    expect(committed.stderr).not.toMatch(/Evaluated/)
    expect(committed.code).toBe(0)
    expect(JSON.parse(committed.stdout)).toMatchObject({
      status: 'committed',
      score: 0,
      abstained: true,
      digest: `0x${'00'.repeat(32)}`,
    })
    const round = await byPublisher.scoring.getRound({ roundId: abstaining })
    await advancePast(round?.commitDeadline as bigint)
    const revealed = await daimm(args, asValidator(0))
    expect(revealed.code).toBe(0)
    expect(JSON.parse(revealed.stdout)).toMatchObject({
      status: 'revealed',
      score: 0,
      abstained: true,
    })
    const ballot = await byPublisher.scoring.getBallot({
      roundId: abstaining,
      validator: validators[0]?.account.address as Hex,
    })
    expect(ballot?.state).toBe('abstained')
  })
})
