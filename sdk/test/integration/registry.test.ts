import { sha256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import {
  ContractError,
  createDaimmClient,
  onchainToCid,
  WalletRequiredError,
} from '../../src/index.js'
import { chain, clientOf, freshRegistration } from './local.js'

const { publicClient, deployment } = chain

// Anvil's default accounts 2, 3 and 4: funded with ETH, untouched by other test files.
const publisher = privateKeyToAccount(
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
)
const frontRunner = privateKeyToAccount(
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
)
const relayer = privateKeyToAccount(
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
)
const daimm = clientOf(publisher)

describe('registry', () => {
  test('registers a fine-tune of a base model and reads it back with its lineage', async () => {
    const base = await daimm.registry.register({ registration: freshRegistration() })
    const registration = freshRegistration({
      parent: base.id,
      relation: 'quantized',
      kind: 'model',
    })
    const { id, events } = await daimm.registry.register({ registration })

    expect(id).toBe(registration.fingerprint)
    expect(events.map((event) => event.eventName)).toContain('ModelRegistered')
    const model = await daimm.registry.getModel({ id })
    if (!model) throw new Error('not registered')
    expect(model).toMatchObject({
      id,
      owner: publisher.address,
      artifactCid: registration.artifactCid,
      metadataCid: onchainToCid({
        codec: 0x70,
        digest: `0x${String(registration.metadataCid).slice(10)}`,
      }).toString(),
      kind: 'model',
      parent: base.id,
      relation: 'quantized',
      status: 'active',
      committed: false,
      evaluation: null,
    })
    expect(await daimm.registry.getLineage({ id })).toEqual([base.id])
  })

  test('explains a duplicate registration in words', async () => {
    const registration = freshRegistration()
    await daimm.registry.register({ registration })
    const error = await clientOf(frontRunner)
      .registry.register({ registration })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractError)
    expect((error as ContractError).errorName).toBe('AlreadyRegistered')
    expect((error as ContractError).shortMessage).toBe(
      `These bytes are registered already: model ${registration.fingerprint} belongs to ${publisher.address}.`,
    )
  })

  test('commit then register takes back a front-run plain registration', async () => {
    const registration = freshRegistration()
    const { salt } = await daimm.registry.commit({ fingerprint: registration.fingerprint })
    // The front-runner copies the pending reveal as a plain registration and lands first.
    await clientOf(frontRunner).registry.register({ registration })

    const { id, superseded } = await daimm.registry.registerCommitted({ registration, salt })
    expect(superseded).toBe(true)
    const model = await daimm.registry.getModel({ id })
    if (!model) throw new Error('not registered')
    expect(model.owner).toBe(publisher.address)
    expect(model.committed).toBe(true)
  })

  test('registerCommitted right after commit waits for the next block', async () => {
    const registration = freshRegistration()
    const { salt, receipt } = await daimm.registry.commit({ fingerprint: registration.fingerprint })
    // Sent at once, it is simulated in the commitment's own block and refused.
    const early = (await daimm.registry
      .registerCommitted({ registration, salt, waitForBlock: false })
      .catch((e: unknown) => e)) as ContractError
    expect(early.errorName).toBe('CommitmentTooNew')
    expect(early.shortMessage).toBe(
      `The commitment was made in block ${receipt.blockNumber}: register from the next block on.`,
    )
    // By default it waits; anvil mines only on demand, so the SDK asks it for a block.
    const { id, receipt: registered } = await daimm.registry.registerCommitted({
      registration,
      salt,
    })
    expect(registered.blockNumber).toBeGreaterThan(receipt.blockNumber + 1n)
    expect((await daimm.registry.getModel({ id }))?.committed).toBe(true)
  })

  test('a relayer submits a registration the publisher signed', async () => {
    const registration = freshRegistration()
    const { timestamp } = await publicClient.getBlock()
    const signed = await daimm.registry.signRegistration({
      registration,
      deadline: timestamp + 3600n,
    })
    const { id } = await clientOf(relayer).registry.registerWithSignature({
      registration,
      ...signed,
    })
    expect((await daimm.registry.getModel({ id }))?.owner).toBe(publisher.address)

    const replay = await clientOf(relayer)
      .registry.registerWithSignature({ registration: freshRegistration(), ...signed })
      .catch((e: unknown) => e)
    expect((replay as ContractError).errorName).toBe('InvalidSignature')
  })

  test('only the owner changes a model', async () => {
    const { id } = await daimm.registry.register({ registration: freshRegistration() })
    const card = onchainToCid({ codec: 0x70, digest: sha256(toHex('card v2')) }).toString()
    const error = await clientOf(frontRunner)
      .registry.updateMetadata({ id, metadataCid: card })
      .catch((e: unknown) => e)
    expect((error as ContractError).shortMessage).toBe(
      `${frontRunner.address} is neither the owner of model ${id} nor approved for it.`,
    )
    await daimm.registry.updateMetadata({ id, metadataCid: card })
    await daimm.registry.deprecate({ id })
    const model = await daimm.registry.getModel({ id })
    if (!model) throw new Error('not registered')
    expect(model.metadataCid).toBe(card)
    expect(model.status).toBe('deprecated')
  })

  test('writes without a wallet fail before sending anything', async () => {
    const readOnly = createDaimmClient({ publicClient, deployment })
    await expect(readOnly.registry.register({ registration: freshRegistration() })).rejects.toThrow(
      WalletRequiredError,
    )
  })
})
