import { sha256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import {
  InvalidCidError,
  InvalidRegistrationError,
  type Registration,
  UnknownParentError,
  UnsupportedCidError,
} from '../../src/index.js'
import { chain, clientOf, freshRegistration, giveEth } from './local.js'

const { publicClient } = chain
const publisher = privateKeyToAccount(sha256(toHex('daimm.test.register-checks.publisher')))
const daimm = clientOf(publisher)

/** The registration, the error it must throw before any transaction, and its `reason`. */
const refused: [string, () => Registration, (new (...a: never[]) => Error) | undefined, string?][] =
  [
    [
      'a fingerprint of 31 bytes',
      () => freshRegistration({ fingerprint: `0x${'ab'.repeat(31)}` }),
      InvalidRegistrationError,
      'fingerprint',
    ],
    [
      'a zero fingerprint',
      () => freshRegistration({ fingerprint: `0x${'00'.repeat(32)}` }),
      InvalidRegistrationError,
      'fingerprint',
    ],
    [
      'an artifact CID that is not one',
      () => freshRegistration({ artifactCid: 'bafy-not-a-cid' }),
      InvalidCidError,
    ],
    [
      'a metadata CID of binary garbage',
      () => freshRegistration({ metadataCid: '0x0102' }),
      InvalidRegistrationError,
      'cid',
    ],
    [
      'a CID with another hash than sha2-256',
      () =>
        freshRegistration({
          metadataCid:
            'bafkrgqd3ks3gqnwb7porhusedwpbing4mlfgo75wr5p6m2sgjovn5tn5ablw7dllllb3zsaiis35kcy4yzqdirf347h47d6avipohrrw3hrts',
        }),
      UnsupportedCidError,
    ],
    [
      'a relation without a parent',
      () => freshRegistration({ relation: 'quantized' }),
      InvalidRegistrationError,
      'relation-without-parent',
    ],
    [
      'an unknown kind',
      () => freshRegistration({ kind: 'weights' as never }),
      InvalidRegistrationError,
      'kind',
    ],
    [
      'an unknown relation',
      () => freshRegistration({ parent: `0x${'11'.repeat(32)}`, relation: 'copy' as never }),
      InvalidRegistrationError,
      'relation',
    ],
    [
      'a parent with relation none',
      () => freshRegistration({ parent: `0x${'11'.repeat(32)}`, relation: 'none' }),
      InvalidRegistrationError,
      'parent-without-relation',
    ],
    [
      'a parent that is not registered',
      () => freshRegistration({ parent: `0x${'11'.repeat(32)}` }),
      UnknownParentError,
    ],
  ]

describe('register checks its inputs before any transaction', () => {
  test.each(refused)('%s is refused', async (_, make, type, reason) => {
    await giveEth(publisher)
    const registration = make()
    const nonce = await publicClient.getTransactionCount({ address: publisher.address })
    for (const attempt of [
      () => daimm.registry.register({ registration }),
      () => daimm.registry.registerCommitted({ registration, salt: sha256('0x01') }),
      () => daimm.registry.signRegistration({ registration, deadline: 2n ** 40n }),
      () => daimm.calls.registry.register({ registration }),
    ]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(type as never)
      if (reason) expect(error).toMatchObject({ reason })
    }
    expect(await publicClient.getTransactionCount({ address: publisher.address })).toBe(nonce)
  })

  test('a model is not its own parent; a registered parent and a matching raw CID pass', async () => {
    const self = freshRegistration()
    await expect(
      daimm.registry.register({ registration: { ...self, parent: self.fingerprint } }),
    ).rejects.toMatchObject({ name: 'InvalidRegistrationError', reason: 'self-parent' })
    const parent = await daimm.registry.register({ registration: freshRegistration() })
    // freshRegistration's artifact CID is the raw block of the fingerprint's bytes.
    const child = await daimm.registry.register({
      registration: freshRegistration({ parent: parent.id, relation: 'adapter' }),
    })
    expect((await daimm.registry.getModel({ id: child.id }))?.parent).toBe(parent.id)
  })
})
