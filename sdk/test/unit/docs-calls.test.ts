import { readdirSync, readFileSync } from 'node:fs'
import { createPublicClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import { createDaimmClient, getDeployment } from '../../src/index.js'

const root = new URL('../../../', import.meta.url)
const pages = [
  'README.md',
  ...readdirSync(new URL('docs/', root))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

// A client is built without a node: viem clients connect lazily.
const client = createDaimmClient({
  publicClient: createPublicClient({ chain: foundry, transport: http('http://127.0.0.1:1') }),
  deployment: getDeployment(foundry.id),
})
const namespaces = Object.keys(client).filter((key) => key !== 'deployment')

/** Every `<something>.<namespace>.<action>(` in the page's fenced code blocks. */
function callsIn(page: string): string[] {
  const blocks = readFileSync(new URL(page, root), 'utf8').match(/```[\s\S]*?```/g) ?? []
  const call = new RegExp(`\\.(${namespaces.join('|')})\\.(\\w+)\\(`, 'g')
  return blocks.flatMap((block) => [...block.matchAll(call)].map(([, ns, fn]) => `${ns}.${fn}`))
}

describe('SDK calls in the docs exist on createDaimmClient', () => {
  test('the pages call the SDK at all (the pattern still matches)', () => {
    expect(pages.flatMap(callsIn).length).toBeGreaterThan(20)
  })
  for (const page of pages) {
    const calls = callsIn(page)
    if (calls.length === 0) continue
    test(page, () => {
      const missing = calls.filter((name) => {
        const [ns, fn] = name.split('.') as [keyof typeof client, string]
        return typeof (client[ns] as Record<string, unknown>)[fn] !== 'function'
      })
      expect(missing).toEqual([])
    })
  }
})
