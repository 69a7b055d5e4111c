import { toEventSelector, toFunctionSelector } from 'viem'
import { expect, test } from 'vitest'
import * as generated from '../../src/generated/contracts.js'
import { protocolErrorSignatures } from '../../src/generated/protocol.js'
import { protocolErrorsAbi, protocolEventsAbi } from '../../src/protocol.js'

const contractAbis = Object.entries(generated)
  .filter(([name]) => name.endsWith('Abi'))
  .flatMap(([, abi]) => abi as readonly { type: string; name?: string }[])

test('the compact error table parses back to items whose selectors are their keys', () => {
  expect(protocolErrorsAbi).toHaveLength(Object.keys(protocolErrorSignatures).length)
  for (const [selector, signature] of Object.entries(protocolErrorSignatures)) {
    const item = protocolErrorsAbi.find(
      (e) => `${e.name}(` === signature.slice(0, e.name.length + 1),
    )
    expect(item, signature).toBeDefined()
    expect(
      toFunctionSelector({
        ...item,
        type: 'function',
        outputs: [],
        stateMutability: 'view',
      } as never),
    ).toBe(`0x${selector}`)
  }
})

test('every error and event of every contract ABI is in the protocol ABIs (regenerate when not)', () => {
  const errors = new Set(protocolErrorsAbi.map((e) => e.name))
  const topics = new Set(protocolEventsAbi.map((e) => toEventSelector(e)))
  for (const item of contractAbis) {
    if (item.type === 'error') expect(errors, item.name).toContain(item.name)
    if (item.type === 'event') expect(topics, item.name).toContain(toEventSelector(item as never))
  }
})

test('events keep their names, indexing and tuples', () => {
  const set = protocolEventsAbi.find((e) => e.name === 'ParametersSet')
  expect(set?.inputs[0]).toMatchObject({ type: 'tuple', name: 'parameters' })
  expect(
    (set?.inputs[0] as unknown as { components?: unknown[] })?.components?.length,
  ).toBeGreaterThan(1)
  const bought = protocolEventsAbi.find((e) => e.name === 'LicensePurchased')
  expect(bought?.inputs.filter((i) => i.indexed).length).toBeGreaterThan(0)
})
