import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type Account,
  type Address,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  type PublicClient,
  parseEther,
  parseEventLogs,
  sha256,
  toHex,
  zeroAddress,
} from 'viem'
import { foundry } from 'viem/chains'
import { beforeAll, describe, expect, inject, test } from 'vitest'
import { indexCommand } from '../../src/cli/commands/index-cmd.js'
import type { Deployment } from '../../src/deployments.js'
import {
  type ChallengeableOffence,
  challengeStatuses,
  encodeSignedOffer,
  escrowStatuses,
  marketplaceAbi,
  modelRegistryAbi,
  offenceStatuses,
  onchainToCid,
  relations,
  royaltySplitterAbi,
  type SignedOffer,
  scoringManagerAbi,
  slasherAbi,
  sortitionPoolAbi,
  stakeManagerAbi,
} from '../../src/index.js'
import {
  createIndexer,
  createMemoryStore,
  type IndexedState,
  ReorgTooDeepError,
} from '../../src/indexer/index.js'
import { createQueries } from '../../src/indexer/queries.js'
import { fundFromGenesis } from './genesis.js'
import {
  advance,
  advancePast,
  chain,
  clientOf,
  freshRegistration,
  giveEth,
  revertAfterFile,
  revertOf,
  snapshot,
  testAccount,
} from './local.js'
import { deployMockErc20, mockErc20Abi } from './test-token.js'
import { asTimelock } from './treasury.js'

const { publicClient, testClient, transport, deployment } = chain
const { registry, slasher, splitter, market, timelock } = deployment.contracts
const DAIMM = getAddress(deployment.contracts.token)

const actors = [0, 1, 2, 3, 4, 5].map((i) => testAccount(`indexer.actor${i}`))
/** The evaluation digest a member reveals with `score`: alike scores, alike outputs. */
const outputsDigest = (score: number): Hex =>
  keccak256(toHex(`daimm.test.indexer.outputs.${score}`))
const addresses = actors.map(({ address }) => address)
const validators = actors.slice(0, 4)
const walletOf = (account: Account) => createWalletClient({ account, chain: foundry, transport })
const seed = Number(process.env.DAIMM_INDEXER_SEED ?? 20_260_115)
const challengeable: ChallengeableOffence[] = ['plagiarism', 'bad-dataset', 'collusion']
const evidence = (label: string) =>
  onchainToCid({ codec: 0x55, digest: sha256(toHex(`indexer evidence ${label}`)) }).toString()

/** Sends a Slasher or Marketplace call as the timelock (arbiter, admin and treasury). */
const governance = (
  to: Address,
  // biome-ignore lint/suspicious/noExplicitAny: calls of two ABIs
  call: { abi: any; functionName: string; args: readonly unknown[] },
) => asTimelock(chain, { to, data: encodeFunctionData(call) })
const arbiter = (
  functionName: 'upholdChallenge' | 'rejectChallenge' | 'reverseSlash',
  id: bigint,
) => governance(slasher, { abi: slasherAbi, functionName, args: [id] })

describe('the indexer agrees with the contracts after a randomized scenario', () => {
  revertAfterFile()
  const store = createMemoryStore()
  const modelIds: Hex[] = []
  /** ETH, DAIMM and a test ERC-20 (test/mocks/MockERC20.sol). */
  const tokens: Address[] = [zeroAddress, DAIMM]
  let usd: Address
  const signed: { offer: SignedOffer; signature: Hex; digest: Hex }[] = []
  /** What the scenario sent to royalty inboxes, by token. */
  const sentToInboxes = new Map<Address, bigint>()
  const inboxes = new Set<Address>()

  beforeAll(async () => {
    await giveEth(...actors)
    usd = await deployMockErc20(chain, actors[5] as Account, { name: 'Test USD', symbol: 'TUSD' })
    tokens.push(usd)
    for (const actor of actors) {
      await fundFromGenesis(chain, actor.address, parseEther('60000'))
      const hash = await walletOf(actors[5] as Account).writeContract({
        address: usd,
        abi: mockErc20Abi,
        functionName: 'mint',
        args: [actor.address, parseEther('1000000')],
      })
      await publicClient.waitForTransactionReceipt({ hash })
    }
  }, 120_000)

  test('a scoring round, challenges, signed offers and royalty inboxes, then random transactions', async () => {
    const random = seededRandom(seed)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const publisher = actors[5] as Account
    const byPublisher = clientOf(publisher)
    const send = async (
      from: Account,
      call: Parameters<ReturnType<typeof walletOf>['writeContract']>[0],
    ) => {
      const hash = await walletOf(from).writeContract(call)
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      expect(receipt.status).toBe('success')
      return receipt
    }
    const digestOf = (offer: SignedOffer) =>
      publicClient.readContract({
        address: market,
        abi: marketplaceAbi,
        functionName: 'hashSignedOffer',
        args: [encodeSignedOffer(offer)],
      })
    const sign = async (
      seller: Account,
      terms: {
        modelId: Hex
        token: Address
        supplyCap?: number | undefined
        nonce?: bigint | undefined
      },
      deadlineIn = 86_400n,
    ) => {
      const { timestamp } = await publicClient.getBlock()
      const result = await clientOf(seller).market.signOffer({
        terms: {
          modelId: terms.modelId,
          token: terms.token,
          price: parseEther('0.02') + BigInt(Math.floor(random() * 1e12)),
          duration: random() < 0.5 ? 0n : 86_400n,
          supplyCap: terms.supplyCap ?? (random() < 0.5 ? 0 : 2),
          commercial: random() < 0.5,
          termsCid: `0x01551220${sha256(toHex(`signed terms ${random()}`)).slice(2)}`,
        },
        nonce: terms.nonce,
        deadline: timestamp + deadlineIn,
      })
      const entry = { ...result, digest: await digestOf(result.offer) }
      signed.push(entry)
      return entry
    }
    const inboxOf = (id: Hex) =>
      publicClient.readContract({
        address: splitter,
        abi: royaltySplitterAbi,
        functionName: 'royaltyInboxOf',
        args: [BigInt(id)],
      })
    /** Pays `amount` of `token` to a model's ERC-2981 royalty inbox, as a secondary market would. */
    const payRoyalty = async (from: Account, id: Hex, token: Address, amount: bigint) => {
      const inbox = await inboxOf(id)
      if (token === zeroAddress) {
        const hash = await walletOf(from).sendTransaction({ to: inbox, value: amount })
        await publicClient.waitForTransactionReceipt({ hash })
      } else
        await send(from, {
          address: token,
          abi: mockErc20Abi,
          functionName: 'transfer',
          args: [inbox, amount],
        })
      inboxes.add(inbox)
      sentToInboxes.set(token, (sentToInboxes.get(token) ?? 0n) + amount)
    }

    // A scored model: validators stake, a round is drawn, three reveal (one an outlier).
    const { id: scored } = await byPublisher.registry.register({
      registration: freshRegistration(),
    })
    modelIds.push(scored)
    for (const [i, v] of validators.entries()) {
      const daimm = clientOf(v)
      await daimm.staking.stake({
        amount: parseEther(String(20_000 + 1000 * i)),
        asValidator: true,
      })
      await daimm.scoring.updateWeight()
    }
    await advance(1)
    const parameters = await byPublisher.scoring.getParameters()
    const benchmark = `0x01551220${sha256(toHex('indexer benchmark')).slice(2)}` as const
    // Only governance-approved benchmarks make a model's record.
    await governance(deployment.contracts.scoring, {
      abi: scoringManagerAbi,
      functionName: 'setBenchmarkApproval',
      args: [benchmark, toHex('accuracy', { size: 32 }), true],
    })
    const opened = await byPublisher.scoring.openRound({
      subjectId: scored,
      datasetCid: benchmark,
      metric: 'accuracy',
      budget: parameters.minBudgetPerSeat * 4n,
      committeeSize: 4,
    })
    await testClient.mine({ blocks: 1 })
    const drawn = await byPublisher.scoring.drawCommittee({ roundId: opened.roundId })
    const scores = [80, 82, 20, 81]
    const salts = new Map<Address, Hex>()
    for (const [i, v] of validators.entries()) {
      if (i === 3) continue // never commits
      const { salt } = await clientOf(v).scoring.commit({
        roundId: opened.roundId,
        score: scores[i] ?? 1,
        digest: outputsDigest(scores[i] ?? 1),
      })
      salts.set(v.address, salt)
    }
    await advancePast(drawn.commitDeadline as bigint)
    for (const [i, v] of validators.entries()) {
      const salt = salts.get(v.address)
      if (salt)
        await clientOf(v).scoring.reveal({
          roundId: opened.roundId,
          score: scores[i] ?? 1,
          digest: outputsDigest(scores[i] ?? 1),
          salt,
        })
    }
    await advancePast(drawn.revealDeadline as bigint)
    await byPublisher.scoring.finalize({ roundId: opened.roundId })
    // The first claims its reward; the second's stays owed (`rewardOf`) until a random claim.
    await clientOf(validators[0] as Account).scoring.claim({ roundId: opened.roundId })

    // A split emptied with dust in it: the dust goes to the owner with `DustFlushed`; a deposit
    // into the empty split then is an ordinary `OwnerCredited`.
    const [first, second] = validators as [Account, Account]
    await byPublisher.royalties.acceptToken({ modelId: scored })
    const split = (w1: number, w2: number) =>
      byPublisher.royalties.setWeights({
        modelId: scored,
        recipients: [
          { account: first.address, weight: w1 },
          { account: second.address, weight: w2 },
        ],
      })
    await split(1, 2)
    await byPublisher.royalties.deposit({ modelId: scored, amount: 10n }) // 3 per weight, dust 1
    await split(0, 0)
    await byPublisher.royalties.deposit({ modelId: scored, amount: 5n })
    const splitterEvents = async (eventName: 'DustFlushed' | 'OwnerCredited') =>
      (
        await publicClient.getContractEvents({
          address: splitter,
          abi: royaltySplitterAbi,
          eventName,
          args: { modelId: BigInt(scored) },
          fromBlock: 0n,
        })
      ).map(({ args }) => args.amount)
    expect(await splitterEvents('DustFlushed')).toEqual([1n])
    expect(await splitterEvents('OwnerCredited')).toEqual([5n])

    // Challenges, one of each outcome: upheld then reversed by governance, upheld then released,
    // rejected (the bond goes to the accused), and expired (the bond goes back).
    const challenger = actors[4] as Account
    const challenge = async (accused: Account, kind: ChallengeableOffence, label: string) =>
      (
        await clientOf(challenger).slashing.openChallenge({
          accused: accused.address,
          kind,
          evidenceCid: evidence(label),
        })
      ).challengeId
    const escrowOf = async (receipt: Awaited<ReturnType<typeof arbiter>>) =>
      parseEventLogs({ abi: slasherAbi, logs: receipt.logs, eventName: 'ChallengeUpheld' })[0]?.args
        .escrowId ?? 0n
    const reversed = await escrowOf(
      await arbiter('upholdChallenge', await challenge(first, 'plagiarism', 'reversed')),
    )
    await arbiter('reverseSlash', reversed)
    const released = await escrowOf(
      await arbiter('upholdChallenge', await challenge(second, 'collusion', 'released')),
    )
    await arbiter('rejectChallenge', await challenge(first, 'bad-dataset', 'rejected'))
    const expiring = await challenge(second, 'plagiarism', 'expired')
    const window = await publicClient.readContract({
      address: slasher,
      abi: slasherAbi,
      functionName: 'slashingWindow',
    })
    await advance(window + 1n)
    await clientOf(challenger).slashing.expireChallenge({ challengeId: expiring })
    await clientOf(challenger).slashing.releaseSlash({ escrowId: released })

    // Signed offers: one bought twice then cancelled (after listing), one cancelled before any
    // sale, one voided by `invalidateNonces`, one in the test ERC-20 left open.
    const soldThenCancelled = await sign(publisher, { modelId: scored, token: DAIMM, supplyCap: 3 })
    for (const buyer of [actors[0], actors[1]] as Account[])
      await clientOf(buyer).market.buyWithSignature(soldThenCancelled)
    // Both licensees review the model; the first changes its mind.
    const reviewCid = `0x01551220${sha256(toHex('indexed review')).slice(2)}` as Hex
    await clientOf(actors[0] as Account).market.review({ modelId: scored, rating: 2, reviewCid })
    await clientOf(actors[1] as Account).market.review({ modelId: scored, rating: 5, reviewCid })
    await clientOf(actors[0] as Account).market.review({ modelId: scored, rating: 4, reviewCid })
    await byPublisher.market.cancelSignedOffer({ offer: soldThenCancelled.offer })
    const neverSold = await sign(publisher, { modelId: scored, token: usd })
    await byPublisher.market.cancelSignedOffer({ offer: neverSold.offer })
    const voided = await sign(publisher, { modelId: scored, token: zeroAddress })
    await byPublisher.market.invalidateNonces({ minNonce: voided.offer.nonce + 1n })
    expect(
      (await revertOf(clientOf(actors[2] as Account).market.buyWithSignature(voided))).errorName,
    ).toBe('NonceTooOld')
    const open = await sign(publisher, { modelId: scored, token: usd, supplyCap: 0 })
    await clientOf(actors[2] as Account).market.buyWithSignature(open)

    // Royalties paid to the model's ERC-2981 inbox, swept into its split in ETH and the test token.
    await byPublisher.royalties.acceptToken({ modelId: scored, token: usd })
    await byPublisher.royalties.setWeights({
      modelId: scored,
      recipients: [{ account: first.address, weight: 5 }],
    })
    await payRoyalty(actors[3] as Account, scored, zeroAddress, parseEther('0.3'))
    await payRoyalty(actors[3] as Account, scored, usd, parseEther('7'))
    for (const token of [zeroAddress, usd])
      await clientOf(actors[3] as Account).royalties.sweepInbox({ modelId: scored, token })

    // Random transactions across the registry, staking, slashing, royalties and the market.
    const offers: bigint[] = []
    const challengeIds: bigint[] = []
    const treasuries = new Set<Address>([getAddress(timelock)])
    const ownerOf = async (id: Hex) =>
      (await publicClient.readContract({
        address: registry,
        abi: modelRegistryAbi,
        functionName: 'ownerOf',
        args: [BigInt(id)],
      })) as Address
    const accountOf = (address: Address) => actors.find((a) => a.address === address)
    const slasherCount = (functionName: 'challengeCount' | 'escrowCount') =>
      publicClient.readContract({ address: slasher, abi: slasherAbi, functionName })
    const amount = () =>
      BigInt(1 + Math.floor(random() * 1e9)) * 1000n + BigInt(Math.floor(random() * 999))
    const actions: Record<string, (actor: Account) => Promise<unknown>> = {
      async register(actor) {
        const parent = modelIds.length > 0 && random() < 0.6 ? pick(modelIds) : undefined
        const { id } = await clientOf(actor).registry.register({
          registration: freshRegistration(parent ? { parent, relation: 'fine-tune' as const } : {}),
        })
        modelIds.push(id)
      },
      async transfer(actor) {
        const id = pick(modelIds)
        const owner = await ownerOf(id)
        const from = accountOf(owner) ?? actor
        const to = pick(addresses.filter((a) => a !== owner))
        await send(from, {
          address: registry,
          abi: modelRegistryAbi,
          functionName: 'transferFrom',
          args: [owner, to, BigInt(id)],
        })
      },
      async updateMetadata(actor) {
        const id = pick(modelIds)
        const owner = accountOf(await ownerOf(id)) ?? actor
        await clientOf(owner).registry.updateMetadata({
          id,
          metadataCid: `0x01701220${sha256(toHex(`card ${random()}`)).slice(2)}`,
        })
      },
      async deprecate(actor) {
        await clientOf(actor).registry.deprecate({ id: pick(modelIds) })
      },
      async stake(actor) {
        await clientOf(actor).staking.stake({
          amount: parseEther(String(1 + Math.floor(random() * 2000))),
          asValidator: random() < 0.3,
        })
      },
      async requestUnstake(actor) {
        await clientOf(actor).staking.requestUnstake({
          amount: parseEther(String(1 + Math.floor(random() * 500))),
        })
      },
      async withdraw(actor) {
        await clientOf(actor).staking.withdraw()
      },
      async claimReward(actor) {
        await clientOf(actor).scoring.claim({ roundId: opened.roundId })
      },
      async openChallenge(actor) {
        const { challengeId } = await clientOf(actor).slashing.openChallenge({
          accused: pick(addresses.filter((a) => a !== actor.address)),
          kind: pick(challengeable),
          evidenceCid: evidence(String(random())),
        })
        challengeIds.push(challengeId)
      },
      async ruleChallenge() {
        if (challengeIds.length === 0) return
        await arbiter(random() < 0.6 ? 'upholdChallenge' : 'rejectChallenge', pick(challengeIds))
      },
      async expireChallenge(actor) {
        const count = await slasherCount('challengeCount')
        const challengeId = BigInt(1 + Math.floor(random() * Number(count)))
        await clientOf(actor).slashing.expireChallenge({ challengeId })
      },
      async reverseSlash() {
        await arbiter('reverseSlash', await slasherCount('escrowCount'))
      },
      async releaseSlash(actor) {
        const count = await slasherCount('escrowCount')
        const escrowId = BigInt(1 + Math.floor(random() * Number(count)))
        await clientOf(actor).slashing.releaseSlash({ escrowId })
      },
      async setWeights(actor) {
        const mine = await ownedBy(actor.address)
        if (mine.length === 0) return
        const recipients = addresses
          .filter(() => random() < 0.5)
          .map((account) => ({ account, weight: Math.floor(random() * 4) * 7 }))
        await clientOf(actor).royalties.setWeights({ modelId: pick(mine), recipients })
      },
      async acceptToken(actor) {
        const mine = await ownedBy(actor.address)
        if (mine.length === 0) return
        await clientOf(actor).royalties.acceptToken({ modelId: pick(mine), token: pick(tokens) })
      },
      async deposit(actor) {
        await clientOf(actor).royalties.deposit({
          modelId: pick(modelIds),
          amount: amount(),
          token: pick(tokens),
        })
      },
      async payRoyalty(actor) {
        await payRoyalty(actor, pick(modelIds), pick(tokens), amount())
      },
      async sweepInbox(actor) {
        await clientOf(actor).royalties.sweepInbox({ modelId: pick(modelIds), token: pick(tokens) })
      },
      async publishOffer(actor) {
        const mine = await ownedBy(actor.address)
        if (mine.length === 0) return
        const { offerId } = await clientOf(actor).market.publishOffer({
          terms: {
            modelId: pick(mine),
            token: pick(tokens),
            price: parseEther('0.01') + BigInt(Math.floor(random() * 1e12)),
            duration: random() < 0.5 ? 0n : 86_400n,
            supplyCap: random() < 0.5 ? 0 : 3,
            commercial: random() < 0.5,
            termsCid: `0x01551220${sha256(toHex(`terms ${random()}`)).slice(2)}`,
          },
        })
        offers.push(offerId)
      },
      async buy(actor) {
        if (offers.length === 0) return
        await clientOf(actor).market.buyLicense({
          offerId: pick(offers),
          maxPrice: parseEther('1'),
        })
      },
      async cancelOffer(actor) {
        if (offers.length === 0) return
        await clientOf(actor).market.cancelOffer({ offerId: pick(offers) })
      },
      async review(actor) {
        // A model the actor holds or held a license to (anyone else gets `NotLicensee`); a second
        // review of the same model replaces the first.
        const licensed: Hex[] = []
        for (const id of modelIds)
          if (await clientOf(actor).market.getLicense({ modelId: id, account: actor.address }))
            licensed.push(id)
        if (licensed.length === 0) return
        await clientOf(actor).market.review({
          modelId: pick(licensed),
          rating: 1 + Math.floor(random() * 5),
          reviewCid: `0x01551220${sha256(toHex(`review ${random()}`)).slice(2)}`,
        })
      },
      async signOffer(actor) {
        const mine = await ownedBy(actor.address)
        if (mine.length === 0) return
        await sign(
          actor,
          {
            modelId: pick(mine),
            token: pick(tokens),
            nonce: random() < 0.3 ? await nonceFloor(actor.address, 1n) : undefined,
          },
          BigInt(60 + Math.floor(random() * 2 * 86_400)),
        )
      },
      async buyWithSig(actor) {
        if (signed.length === 0) return
        const { offer, signature } = pick(signed)
        await clientOf(actor).market.buyWithSignature({ offer, signature })
      },
      async cancelSignedOffer() {
        if (signed.length === 0) return
        const { offer } = pick(signed)
        await clientOf(accountOf(offer.seller) ?? publisher).market.cancelSignedOffer({ offer })
      },
      async invalidateNonces(actor) {
        await clientOf(actor).market.invalidateNonces({
          minNonce: await nonceFloor(actor.address, BigInt(1 + Math.floor(random() * 2))),
        })
      },
      async claim(actor) {
        await clientOf(actor).royalties.claim({ modelIds, token: pick(tokens) })
      },
      async sweepProtocolFees(actor) {
        await send(actor, {
          address: splitter,
          abi: royaltySplitterAbi,
          functionName: 'sweepProtocolFees',
          args: [pick(tokens), pick([...treasuries])],
        })
      },
      async setTreasury() {
        const treasury = pick([getAddress(timelock), ...addresses])
        await governance(market, {
          abi: marketplaceAbi,
          functionName: 'setTreasury',
          args: [treasury],
        })
        treasuries.add(treasury)
      },
      async wait() {
        // Mostly within the challenge and escrow windows (an hour here), sometimes days.
        await advance(Math.floor(random() * (random() < 0.7 ? 3600 : 3 * 86_400)))
      },
    }
    const nonceFloor = async (seller: Address, above: bigint) =>
      (await publicClient.readContract({
        address: market,
        abi: marketplaceAbi,
        functionName: 'minNonceOf',
        args: [seller],
      })) + above
    const ownedBy = async (account: Address) => {
      const owned: Hex[] = []
      for (const id of modelIds) if ((await ownerOf(id)) === account) owned.push(id)
      return owned
    }
    const names = Object.keys(actions)
    const done: Record<string, number> = {}
    for (let step = 0; step < STEPS; step++) {
      const name = step < 6 ? 'register' : pick(names)
      const ok = await (actions[name] as (a: Account) => Promise<unknown>)(pick(actors)).then(
        () => true,
        () => false,
      )
      if (ok) done[name] = (done[name] ?? 0) + 1
    }
    // Most kinds of transaction happened at least once.
    expect(Object.keys(done).length).toBeGreaterThanOrEqual(names.length - 4)

    const indexer = createIndexer({ publicClient, deployment, confirmations: 4, store })
    await indexer.sync()
    const state = indexer.getState()
    expect(Object.keys(state.reviews).length).toBeGreaterThanOrEqual(2)
    const compared = await expectAgreement(publicClient, deployment, state, {
      accounts: addresses,
      tokens,
      treasuries: [...treasuries],
      signedOffers: signed,
    })

    // Royalties: what reached the splitter from inboxes is what was sent less what is still there.
    for (const token of tokens) {
      let left = 0n
      for (const inbox of inboxes)
        left +=
          token === zeroAddress
            ? await publicClient.getBalance({ address: inbox })
            : await publicClient.readContract({
                address: token,
                abi: mockErc20Abi,
                functionName: 'balanceOf',
                args: [inbox],
              })
      const swept = Object.values(state.splits).reduce(
        (sum, s) => sum + (s.revenue[token]?.royalties ?? 0n),
        0n,
      )
      expect(swept, `royalties swept in ${token}`).toBe((sentToInboxes.get(token) ?? 0n) - left)
    }
    console.log(
      JSON.stringify({
        seed,
        done,
        compared,
        splits: Object.keys(state.splits).length,
        offers: Object.keys(state.offers).length,
        signedOffers: Object.keys(state.signedOffers).length,
        licenses: Object.keys(state.licenses).length,
        challenges: Object.keys(state.challenges).length,
        escrows: Object.keys(state.escrows).length,
        inboxes: Object.keys(state.royaltyInboxes).length,
      }),
    )
    expect(compared).toBeGreaterThan(300)

    // The round's story is all there: the outlier reported, the non-revealer too, the model scored.
    const round = indexer.round(opened.roundId)
    const stateOf = (v: Account) => round?.members.find((m) => m.validator === v.address)?.state
    expect(validators.slice(2).map(stateOf)).toEqual(['reported', 'reported'])
    expect(stateOf(first)).toBe('claimed')
    // In the band, the second is owed a reward (compared with `rewardOf` above) until it claims.
    expect(indexer.rewardOf(opened.roundId, second.address) > 0n).toBe(
      stateOf(second) === 'revealed',
    )
    expect(indexer.model(scored)?.evaluation?.score).toBe(round?.consensus)
    expect(indexer.modelsBy({ minScore: 1 }).map((m) => m.id)).toEqual([scored])
    // Every outcome of a challenge and an escrow, and of a signed offer.
    const statuses = (items: { status: string }[]) =>
      [...new Set(items.map((i) => i.status))].sort()
    expect(statuses(Object.values(state.challenges))).toEqual(
      expect.arrayContaining(['expired', 'rejected', 'upheld']),
    )
    expect(statuses(Object.values(state.escrows))).toEqual(
      expect.arrayContaining(['released', 'reversed']),
    )
    expect(indexer.signedOfferStatus(neverSold.digest)).toEqual({ offerId: 0n, revoked: true })
    const listed = indexer.signedOfferStatus(soldThenCancelled.digest).offerId
    expect(state.offers[listed.toString()]).toMatchObject({ cancelled: true, sales: 2 })
    // Voided by its nonce, it was never listed (a random cancellation may have revoked it since).
    expect(indexer.signedOfferStatus(voided.digest).offerId).toBe(0n)
    expect(indexer.minNonceOf(publisher.address)).toBeGreaterThan(voided.offer.nonce)
    expect(indexer.getState().royaltyInboxes[scored]).toBe(await inboxOf(scored))
    expect(indexer.modelRevenue(scored).byToken[usd]?.royalties).toBeGreaterThanOrEqual(
      parseEther('7'),
    )
    expect(indexer.validatorHistory(first.address).challenges.map((c) => c.status)).toEqual(
      expect.arrayContaining(['upheld', 'rejected']),
    )
  }, 300_000)

  test('a second indexer resumes from the saved checkpoint and reaches the same state', async () => {
    expect(store.checkpoint?.final).not.toBeNull()
    const resumed = createIndexer({ publicClient, deployment, confirmations: 4, store })
    // More blocks after the checkpoint.
    const { id } = await clientOf(actors[0] as Account).registry.register({
      registration: freshRegistration(),
    })
    modelIds.push(id)
    const result = await resumed.sync()
    const fresh = createIndexer({ publicClient, deployment, confirmations: 4 })
    await fresh.sync()
    expect(resumed.getState()).toEqual(fresh.getState())
    expect(result.events).toBeLessThan(20)
    expect(resumed.model(id)?.owner).toBe(actors[0]?.address)
  })

  test('query helpers: owner, kind, parent, lineage, revenue', async () => {
    const indexer = createIndexer({ publicClient, deployment, store })
    await indexer.sync()
    const state = indexer.getState()
    for (const account of addresses)
      expect(indexer.modelsBy({ owner: account }).length).toBe(
        Object.values(state.models).filter((m) => m.owner === account).length,
      )
    const child = Object.values(state.models).find((m) => m.parent !== null)
    if (child?.parent) {
      expect(indexer.children(child.parent).map((m) => m.id)).toContain(child.id)
      expect(indexer.lineage(child.id)[0]).toBe(child.parent)
    }
    expect(indexer.modelsBy({ kind: 'dataset' })).toEqual([])
    const sold = Object.values(state.licenses)[0]
    if (sold) {
      const revenue = indexer.modelRevenue(sold.modelId)
      expect(revenue.licenses.length).toBeGreaterThan(0)
      expect(Object.values(revenue.byToken).reduce((sum, r) => sum + r.sales, 0n)).toBeGreaterThan(
        0n,
      )
    }
    // Claimable totals across splits and protocol fees match the splitter's claimable, summed.
    for (const token of tokens)
      for (const account of [...addresses, getAddress(timelock)]) {
        let onchain = await publicClient.readContract({
          address: splitter,
          abi: royaltySplitterAbi,
          functionName: 'claimable',
          args: [0n, token, account],
        })
        for (const split of Object.values(state.splits))
          onchain += await publicClient.readContract({
            address: splitter,
            abi: royaltySplitterAbi,
            functionName: 'claimable',
            args: [BigInt(split.modelId), token, account],
          })
        expect(indexer.claimableTotal(account, token)).toBe(onchain)
      }
  })
})

/** Random steps after the deterministic part. */
const STEPS = 250

test('daimm index dumps the reconstructed state', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'daimm-index-'))
  const file = join(directory, 'deployment.json')
  await writeFile(file, JSON.stringify(deployment))
  const out: string[] = []
  const io = { stdout: { write: (text: string) => out.push(text) }, stderr: { write: () => true } }
  const rpc = inject('rpcUrl')
  expect(await indexCommand.run(['--rpc', rpc, '--deployment', file, '--json'], io)).toBe(0)
  const dumped = JSON.parse(out.join(''))
  const indexer = createIndexer({ publicClient, deployment })
  await indexer.sync()
  expect(Object.keys(dumped.state.models).sort()).toEqual(
    Object.keys(indexer.getState().models).sort(),
  )
  expect(dumped.state.totals.staked).toBe(indexer.getState().totals.staked.toString())
  out.length = 0
  expect(await indexCommand.run(['--rpc', rpc, '--deployment', file], io)).toBe(0)
  const state = indexer.getState()
  expect(out.join('')).toMatch(/^chain 31337, blocks \d+–\d+\n {2}models {5}\d+/)
  expect(out.join('')).toContain(
    `\n  offers     ${Object.keys(state.offers).length} (${Object.keys(state.signedOffers).length} signed listed or cancelled), licenses ${Object.keys(state.licenses).length}\n  inboxes    ${Object.keys(state.royaltyInboxes).length} deployed;`,
  )
  // Without --rpc, DAIMM_RPC_URL names the node; amounts print in DAIMM.
  out.length = 0
  const envIo = { ...io, env: { DAIMM_RPC_URL: rpc } }
  expect(await indexCommand.run(['--deployment', file], envIo)).toBe(0)
  expect(out.join('')).toMatch(
    /stakers {4}\d+, validator set \d+, staked [\d,.]+ DAIMM, unbonding [\d,.]+ DAIMM/,
  )
  // Each model's line shows its owner's reputation as a percentage.
  expect(out.join('').match(/\(reputation \d+(\.\d+)?%\)/g) ?? []).toHaveLength(
    Object.keys(state.models).length,
  )
})

describe('the indexer survives reorgs within its confirmations', () => {
  revertAfterFile()
  const alice = testAccount('indexer.reorg.alice')
  const bob = testAccount('indexer.reorg.bob')

  beforeAll(async () => {
    await giveEth(alice, bob)
    await fundFromGenesis(chain, alice.address, parseEther('5000'))
  })

  test('blocks replaced on the node are rolled back and read again', async () => {
    const indexer = createIndexer({ publicClient, deployment, confirmations: 6 })
    await indexer.sync()
    const revert = await snapshot()
    const { id: lost } = await clientOf(alice).registry.register({
      registration: freshRegistration(),
    })
    await clientOf(alice).staking.stake({ amount: parseEther('100') })
    await indexer.sync()
    expect(indexer.model(lost)?.owner).toBe(alice.address)
    const before = indexer.getHead()

    // The node drops those blocks and mines others in their place, one more than before.
    await revert()
    const { id: kept } = await clientOf(bob).registry.register({
      registration: freshRegistration(),
    })
    await testClient.mine({ blocks: 2 })
    expect((await publicClient.getBlock({ blockNumber: before?.number ?? 0n })).hash).not.toBe(
      before?.hash,
    )
    const result = await indexer.sync()
    expect(result.rolledBack).toBeGreaterThan(0)
    expect(indexer.model(lost)).toBeUndefined()
    expect(indexer.model(kept)?.owner).toBe(bob.address)
    expect(indexer.getState().stakers[alice.address]).toBeUndefined()
    await expectAgreement(publicClient, deployment, indexer.getState(), {
      accounts: [alice.address, bob.address],
    })
    // The same state as an indexer that never saw the lost blocks.
    const fresh = createIndexer({ publicClient, deployment, confirmations: 6 })
    await fresh.sync()
    expect(indexer.getState()).toEqual(fresh.getState())
  }, 60_000)

  test('a reorg deeper than the confirmations is refused, not silently absorbed', async () => {
    const indexer = createIndexer({ publicClient, deployment, confirmations: 1 })
    const revert = await snapshot()
    await clientOf(alice).registry.register({ registration: freshRegistration() })
    await testClient.mine({ blocks: 3 })
    await indexer.sync()
    await revert()
    await clientOf(bob).registry.register({ registration: freshRegistration() })
    await testClient.mine({ blocks: 4 })
    await expect(indexer.sync()).rejects.toBeInstanceOf(ReorgTooDeepError)
  }, 60_000)

  test('watch() follows new blocks', async () => {
    const indexer = createIndexer({ publicClient, deployment, confirmations: 2 })
    const seen: bigint[] = []
    const stop = indexer.watch({ pollingInterval: 50, onSync: ({ head }) => seen.push(head) })
    try {
      const { id } = await clientOf(alice).registry.register({ registration: freshRegistration() })
      await expect.poll(() => indexer.model(id)?.owner, { timeout: 10_000 }).toBe(alice.address)
    } finally {
      stop()
    }
    expect(seen.length).toBeGreaterThan(0)
  })
})
/** A struct a view returned, compared field by field. */
// biome-ignore lint/suspicious/noExplicitAny: views of several ABIs
type OnChain = Record<string, any>

const statuses = ['active', 'deprecated', 'flagged']
const roundStatuses = ['none', 'open', 'drawn', 'finalized', 'failed']
const ballotStates = ['none', 'drawn', 'committed', 'revealed', 'claimed', 'reported']

type Expected = {
  /** Checked for models owned, claimable revenue in every split and token, and nonces. */
  accounts: readonly Address[]
  /** Tokens checked in every split besides those the indexer saw (ETH and DAIMM at least). */
  tokens?: readonly Address[] | undefined
  /** Accounts checked for protocol fees in every token, besides the indexer's. */
  treasuries?: readonly Address[] | undefined
  /** Signed offers the scenario made, listed or not: each one's status is checked. */
  signedOffers?: readonly { offer: SignedOffer; digest: Hex }[] | undefined
}

/**
 * Compares every entity of the indexer's state with the contracts' views (through the indexer's
 * queries where it has one), and returns how many values were compared.
 */
async function expectAgreement(
  publicClient: PublicClient,
  deployment: Deployment,
  state: IndexedState,
  { accounts, tokens: given = [], treasuries = [], signedOffers = [] }: Expected,
): Promise<number> {
  const c = deployment.contracts
  const queries = createQueries(() => state)
  // Every token the indexer saw anywhere, and the given ones.
  const tokens = [
    ...new Set<Address>([
      zeroAddress,
      getAddress(c.token),
      ...given.map((t) => getAddress(t)),
      ...Object.values(state.splits).flatMap((s) => [
        ...s.tokens,
        ...Object.keys(s.accumulators),
        ...Object.keys(s.revenue),
      ]),
      ...Object.keys(state.protocolFees).map((k) => k.split(':')[1]),
      ...Object.values(state.offers).map((o) => o.token),
    ] as Address[]),
  ]
  let compared = 0
  // biome-ignore lint/suspicious/noExplicitAny: views of several ABIs
  const read = (address: Address, abi: any, functionName: string, args: unknown[] = []) =>
    publicClient.readContract({ address, abi, functionName, args }) as Promise<unknown>
  const same = (actual: unknown, expected: unknown, what: string) => {
    compared++
    expect(actual, what).toEqual(expected)
  }
  /** How many `entities` the indexer has against a count view (ids run from 1 to it). */
  // biome-ignore lint/suspicious/noExplicitAny: views of several ABIs
  const sameCount = async (entities: object, address: Address, abi: any, functionName: string) =>
    same(BigInt(Object.keys(entities).length), await read(address, abi, functionName), functionName)

  // Registry: every model, its owner, record, evaluation and lineage; balances of the accounts.
  for (const model of Object.values(state.models)) {
    const id = BigInt(model.id)
    const onchain = (await read(c.registry, modelRegistryAbi, 'modelOf', [id])) as OnChain
    same(model.owner, onchain.owner, `owner of ${model.id}`)
    same(
      {
        artifactCid: model.artifactCid,
        metadataCid: model.metadataCid,
        kind: model.kind,
        parent: model.parent === null ? 0n : BigInt(model.parent),
        relation: model.relation,
        status: model.status,
        registeredAt: model.registeredAt,
        committed: model.committed,
        evaluation: model.evaluation ?? {
          score: 0,
          roundId: 0n,
          evaluatedAt: 0n,
          benchmarkId: `0x${'00'.repeat(32)}`,
          digest: `0x${'00'.repeat(32)}`,
        },
      },
      {
        artifactCid: onchain.artifactCid,
        metadataCid: onchain.metadataCid,
        kind: onchain.kind === 0 ? 'model' : 'dataset',
        parent: onchain.parent,
        relation: relations[onchain.relation],
        status: statuses[onchain.status],
        registeredAt: BigInt(onchain.registeredAt),
        committed: onchain.committed,
        evaluation: { ...onchain.evaluation, evaluatedAt: BigInt(onchain.evaluation.evaluatedAt) },
      },
      `record of ${model.id}`,
    )
    const lineage = (await read(c.registry, modelRegistryAbi, 'lineageOf', [id, 64n])) as bigint[]
    let parent = model.parent
    const ancestors: bigint[] = []
    while (parent) {
      ancestors.push(BigInt(parent))
      parent = state.models[parent]?.parent ?? null
    }
    same(ancestors, [...lineage], `lineage of ${model.id}`)
  }
  for (const account of accounts) {
    const balance = await read(c.registry, modelRegistryAbi, 'balanceOf', [account])
    same(
      BigInt(Object.values(state.models).filter((m) => m.owner === account).length),
      balance,
      `models of ${account}`,
    )
  }

  // Staking: every staker, the totals and the validator set in order; sortition weights.
  for (const s of Object.values(state.stakers)) {
    const args = [s.account]
    same(
      {
        stake: s.stake,
        locked: s.locked,
        unbonding: s.unbonding.map(({ amount, releaseAt }) => ({ amount, releaseAt })),
        registered: s.registeredValidator,
        weight: state.sortitionWeights[s.account] ?? 0n,
        reputation: state.reputations[s.account] ?? 0n,
      },
      {
        stake: await read(c.stakeManager, stakeManagerAbi, 'stakeOf', args),
        locked: await read(c.stakeManager, stakeManagerAbi, 'lockedOf', args),
        unbonding: (
          (await read(c.stakeManager, stakeManagerAbi, 'unbondingRequests', args)) as {
            amount: bigint
            releaseAt: number
          }[]
        ).map(({ amount, releaseAt }) => ({ amount, releaseAt: BigInt(releaseAt) })),
        registered: await read(c.stakeManager, stakeManagerAbi, 'isRegisteredValidator', args),
        weight: await read(c.sortitionPool, sortitionPoolAbi, 'weightOf', args),
        reputation: await read(c.scoring, scoringManagerAbi, 'reputationOf', args),
      },
      `staker ${s.account}`,
    )
  }
  same(
    state.totals,
    {
      staked: await read(c.stakeManager, stakeManagerAbi, 'totalStaked'),
      unbonding: await read(c.stakeManager, stakeManagerAbi, 'totalUnbonding'),
    },
    'stake totals',
  )
  const count = (await read(c.stakeManager, stakeManagerAbi, 'validatorCount')) as bigint
  const set: unknown[] = []
  for (let i = 0n; i < count; i++)
    set.push(await read(c.stakeManager, stakeManagerAbi, 'validatorAt', [i]))
  same(state.validatorSet, set, 'validator set')

  // Scoring: every round, its seats and ballots.
  await sameCount(state.rounds, c.scoring, scoringManagerAbi, 'roundCount')
  for (const r of Object.values(state.rounds)) {
    const onchain = (await read(c.scoring, scoringManagerAbi, 'round', [r.id])) as OnChain
    same(
      {
        funder: r.funder,
        budget: r.budget,
        subjectId: BigInt(r.subjectId),
        subjectOwner: r.subjectOwner,
        kind: r.kind,
        lockShareBps: r.lockShareBps,
        benchmarkId: r.benchmarkId,
        snapshotAt: r.snapshotAt,
        seedBlock: r.seedBlock,
        commitDeadline: r.commitDeadline,
        revealDeadline: r.revealDeadline,
        committeeSize: r.committeeSize,
        seats: r.seats,
        status: r.status,
        consensus: r.consensus ?? 0,
        bandLow: r.bandLow ?? 0,
        bandHigh: r.bandHigh ?? 0,
        rewardedWeight: r.rewardedWeight,
      },
      {
        funder: onchain.funder,
        budget: onchain.budget,
        subjectId: onchain.subjectId,
        subjectOwner: onchain.subjectOwner,
        kind: onchain.kind === 0 ? 'model' : 'dataset',
        lockShareBps: onchain.lockShareBps,
        benchmarkId: onchain.benchmarkId,
        snapshotAt: BigInt(onchain.snapshotAt),
        seedBlock: BigInt(onchain.seedBlock),
        commitDeadline: BigInt(onchain.commitDeadline),
        revealDeadline: BigInt(onchain.revealDeadline),
        committeeSize: onchain.committeeSize,
        seats: onchain.seats,
        status: roundStatuses[onchain.status],
        consensus: onchain.consensus,
        bandLow: onchain.bandLow,
        bandHigh: onchain.bandHigh,
        rewardedWeight: onchain.rewardedWeight,
      },
      `round ${r.id}`,
    )
    for (const m of r.members) {
      const seat = (await read(c.scoring, scoringManagerAbi, 'seatAt', [
        r.id,
        BigInt(m.seat),
      ])) as OnChain
      const ballot = (await read(c.scoring, scoringManagerAbi, 'ballotOf', [
        r.id,
        m.validator,
      ])) as OnChain
      same(
        {
          validator: m.validator,
          weight: m.weight,
          state: m.state,
          commitment: m.commitment?.slice(0, 2 + 58) ?? `0x${'00'.repeat(29)}`,
          score: m.score ?? 0,
        },
        {
          validator: seat.validator,
          weight: seat.weight,
          state: ballotStates[ballot.state],
          commitment: ballot.commitment,
          score: ballot.score,
        },
        `ballot of ${m.validator} in round ${r.id}`,
      )
      same(
        queries.rewardOf(r.id, m.validator),
        await read(c.scoring, scoringManagerAbi, 'rewardOf', [r.id, m.validator]),
        `reward of ${m.validator} in round ${r.id}`,
      )
    }
  }

  // Slashing: every escrow, challenge and offence, and the Slasher's totals.
  await sameCount(state.escrows, c.slasher, slasherAbi, 'escrowCount')
  for (const e of Object.values(state.escrows)) {
    const onchain = (await read(c.slasher, slasherAbi, 'escrow', [e.id])) as OnChain
    same(
      [e.account, e.amount, e.challenger, e.releaseAt, e.status, e.offenceId],
      [
        onchain.account,
        onchain.amount,
        onchain.challenger,
        BigInt(onchain.releaseAt),
        escrowStatuses[onchain.status],
        onchain.offenceId,
      ],
      `escrow ${e.id}`,
    )
  }
  await sameCount(state.challenges, c.slasher, slasherAbi, 'challengeCount')
  for (const ch of Object.values(state.challenges)) {
    const onchain = (await read(c.slasher, slasherAbi, 'challenge', [ch.id])) as OnChain
    same(
      {
        challenger: ch.challenger,
        bond: ch.bond,
        accused: ch.accused,
        deadline: ch.deadline,
        kind: ch.kind,
        status: ch.status,
        offenceId: ch.offenceId,
        held: ch.held,
      },
      { ...onchain, deadline: BigInt(onchain.deadline), status: challengeStatuses[onchain.status] },
      `challenge ${ch.id}`,
    )
    // An upheld challenge's escrow is the one holding its offence's slash.
    if (ch.escrowId !== 0n) {
      const escrow = (await read(c.slasher, slasherAbi, 'escrow', [ch.escrowId])) as OnChain
      same(
        [ch.offenceId, ch.challenger],
        [escrow.offenceId, escrow.challenger],
        `escrow of challenge ${ch.id}`,
      )
    }
  }
  const offenceIds = new Set<Hex>([
    ...(Object.keys(state.offences) as Hex[]),
    ...Object.values(state.challenges).map((ch) => ch.offenceId),
    ...Object.values(state.escrows).map((e) => e.offenceId),
    ...Object.values(state.rounds).flatMap((r) =>
      r.members.flatMap((m) => (m.reported ? [m.reported.offenceId] : [])),
    ),
  ])
  for (const offenceId of offenceIds)
    same(
      queries.offenceStatus(offenceId),
      offenceStatuses[(await read(c.slasher, slasherAbi, 'offenceStatus', [offenceId])) as number],
      `offence ${offenceId}`,
    )
  same(
    {
      escrowed: Object.values(state.escrows)
        .filter((e) => e.status === 'held')
        .reduce((sum, e) => sum + e.amount, 0n),
      bonds: Object.values(state.challenges)
        .filter((ch) => ch.status === 'pending')
        .reduce((sum, ch) => sum + ch.bond, 0n),
    },
    {
      escrowed: await read(c.slasher, slasherAbi, 'totalEscrowed'),
      bonds: await read(c.slasher, slasherAbi, 'totalBonds'),
    },
    'slasher totals',
  )

  // Royalties: weights, tokens, accumulators and what every account can claim, per split.
  for (const split of Object.values(state.splits)) {
    const id = BigInt(split.modelId)
    same(
      split.totalWeight,
      await read(c.splitter, royaltySplitterAbi, 'totalWeight', [id]),
      `total weight of ${split.modelId}`,
    )
    same(
      split.tokens,
      [...((await read(c.splitter, royaltySplitterAbi, 'acceptedTokens', [id])) as Address[])],
      `tokens of ${split.modelId}`,
    )
    for (const token of tokens) {
      const acc = split.accumulators[token] ?? { revenuePerWeight: 0n, dust: 0n }
      same(
        acc,
        {
          revenuePerWeight: await read(c.splitter, royaltySplitterAbi, 'revenuePerWeight', [
            id,
            token,
          ]),
          dust: await read(c.splitter, royaltySplitterAbi, 'dust', [id, token]),
        },
        `accumulator of ${split.modelId} in ${token}`,
      )
      const owner = state.models[split.modelId]?.owner
      for (const account of new Set([...accounts, ...(owner ? [owner] : [])])) {
        const weight = split.weights[account] ?? 0
        const pos = split.positions[`${account}:${token}`] ?? { owed: 0n, paid: 0n }
        same(
          {
            weight,
            claimable: pos.owed + BigInt(weight) * (acc.revenuePerWeight - pos.paid),
          },
          {
            weight: await read(c.splitter, royaltySplitterAbi, 'weightOf', [id, account]),
            claimable: await read(c.splitter, royaltySplitterAbi, 'claimable', [
              id,
              token,
              account,
            ]),
          },
          `position of ${account} in ${split.modelId} (${token})`,
        )
      }
    }
  }
  // Royalty inboxes: the indexer knows those deployed, at the address the splitter gives.
  for (const model of Object.values(state.models)) {
    const inbox = (await read(c.splitter, royaltySplitterAbi, 'royaltyInboxOf', [
      BigInt(model.id),
    ])) as Address
    const deployed = ((await publicClient.getCode({ address: inbox })) ?? '0x') !== '0x'
    same(state.royaltyInboxes[model.id] ?? null, deployed ? inbox : null, `inbox of ${model.id}`)
  }
  // Protocol fees: every treasury the indexer or the scenario knows, in every token.
  const feeAccounts = new Set<Address>([
    ...treasuries.map((t) => getAddress(t)),
    ...(Object.keys(state.protocolFees).map((k) => k.split(':')[0]) as Address[]),
    ...(state.marketTreasury ? [state.marketTreasury] : []),
  ])
  for (const treasury of feeAccounts)
    for (const token of tokens)
      same(
        state.protocolFees[`${treasury}:${token}`] ?? 0n,
        await read(c.splitter, royaltySplitterAbi, 'claimable', [0n, token, treasury]),
        `protocol fees of ${treasury} in ${token}`,
      )

  // Market: the treasury, every offer, signed offer, nonce and license.
  same(
    state.marketTreasury,
    ((await read(c.market, marketplaceAbi, 'protocolFee')) as [number, Address])[1],
    'market treasury',
  )
  await sameCount(state.offers, c.market, marketplaceAbi, 'offerCount')
  for (const o of Object.values(state.offers)) {
    const onchain = (await read(c.market, marketplaceAbi, 'offerOf', [o.id])) as OnChain
    same(
      {
        modelId: BigInt(o.modelId),
        seller: o.seller,
        token: o.token,
        price: o.price,
        duration: o.duration,
        supplyCap: o.supplyCap,
        sold: o.supplyCap === 0 ? 0 : o.sales,
        commercial: o.commercial,
        cancelled: o.cancelled,
        signed: o.signed,
        termsCid: o.termsCid,
      },
      { ...onchain },
      `offer ${o.id}`,
    )
  }
  for (const l of Object.values(state.licenses)) {
    for (const commercial of [true, false]) {
      const onchain = (await read(c.market, marketplaceAbi, 'licenseOfKind', [
        BigInt(l.modelId),
        l.account,
        commercial,
      ])) as OnChain
      const kind = l.kinds[commercial ? 'commercial' : 'nonCommercial']
      same(
        { expiresAt: kind?.expiresAt ?? 0n, offerId: kind?.offerId ?? 0n, commercial },
        { ...onchain, offerId: BigInt(onchain.offerId) },
        `${commercial ? 'commercial' : 'non-commercial'} license of ${l.account} on ${l.modelId}`,
      )
    }
  }
  // Reviews: each model's aggregate is the Marketplace's `ratingOf`, each review its `reviewOf`.
  for (const m of Object.values(state.models)) {
    const [count, sum] = (await read(c.market, marketplaceAbi, 'ratingOf', [BigInt(m.id)])) as [
      bigint,
      bigint,
    ]
    same(m.rating, { count: Number(count), sum: Number(sum) }, `rating of ${m.id}`)
  }
  for (const r of Object.values(state.reviews)) {
    const rating = await read(c.market, marketplaceAbi, 'reviewOf', [BigInt(r.modelId), r.reviewer])
    same(r.rating, Number(rating), `review of ${r.modelId} by ${r.reviewer}`)
  }
  const known = new Map(signedOffers.map(({ offer, digest }) => [digest, offer]))
  for (const digest of new Set([...known.keys(), ...(Object.keys(state.signedOffers) as Hex[])])) {
    const [offerId, revoked] = (await read(c.market, marketplaceAbi, 'signedOfferStatus', [
      digest,
    ])) as [bigint, boolean]
    same(queries.signedOfferStatus(digest), { offerId, revoked }, `signed offer ${digest}`)
    // A listed one keeps the seller, nonce and deadline it was signed with.
    const entry = state.signedOffers[digest]
    const offer = known.get(digest)
    if (entry && offer && entry.offerId !== 0n)
      same(
        [entry.seller, entry.nonce, entry.deadline],
        [offer.seller, offer.nonce, offer.deadline],
        `terms of signed offer ${digest}`,
      )
  }
  for (const seller of new Set([...accounts, ...(Object.keys(state.minNonces) as Address[])]))
    same(
      queries.minNonceOf(seller),
      await read(c.market, marketplaceAbi, 'minNonceOf', [seller]),
      `min nonce of ${seller}`,
    )
  return compared
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so a failing scenario can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
