import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { EVENTS_MD, eventsBlock } from '../../scripts/events-doc.js'
import { offerTypedData, registrationTypedData } from '../../src/index.js'

const root = new URL('../../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

describe('docs/events.md', () => {
  test('holds the tables generated from the ABIs (run `npx tsx sdk/scripts/events-doc.ts`)', () => {
    expect(readFileSync(EVENTS_MD, 'utf8')).toContain(eventsBlock())
  })
})

describe('docs/eip712.md', () => {
  const zero = '0x0000000000000000000000000000000000000000'
  const register = registrationTypedData({
    registry: zero,
    chainId: 1,
    publisher: zero,
    registration: {
      fingerprint: `0x${'00'.repeat(32)}`,
      artifactCid: 'bafkreihuffsqwfqbkryr27al7tc35kvrzictihv2dfjgpv7gg33ossg3ua',
      metadataCid: 'bafkreihuffsqwfqbkryr27al7tc35kvrzictihv2dfjgpv7gg33ossg3ua',
    },
    nonce: 0n,
    deadline: 0n,
  })
  const offer = offerTypedData({
    market: zero,
    chainId: 1,
    offer: {
      modelId: 0n,
      seller: zero,
      token: zero,
      price: 0n,
      duration: 0,
      supplyCap: 0,
      commercial: false,
      termsCid: '0x',
      nonce: 0n,
      deadline: 0n,
    },
  })
  const cases = [
    { typed: register, primary: 'Register', source: 'src/ModelRegistry.sol' },
    { typed: offer, primary: 'Offer', source: 'src/Marketplace.sol' },
  ] as const

  for (const { typed, primary, source } of cases) {
    const fields = (typed.types as Record<string, readonly { name: string; type: string }[]>)[
      primary
    ]
    const encodedType = `${primary}(${(fields ?? []).map((f) => `${f.type} ${f.name}`).join(',')})`

    test(`the ${primary} type string is the SDK's typed data, the contract's, and the page's`, () => {
      expect(fields?.length).toBeGreaterThan(0)
      expect(read(source)).toContain(`"${encodedType}"`)
      expect(read('docs/eip712.md')).toContain(encodedType)
    })

    test(`the ${primary} domain in the page is the SDK's`, () => {
      expect(read('docs/eip712.md')).toContain(
        `name: '${typed.domain.name}', version: '${typed.domain.version}'`,
      )
    })
  }
})

describe('docs/gas.md', () => {
  test('lists every operation of bench/gas.json with its measured gas', () => {
    const gas: Record<string, number> = JSON.parse(read('bench/gas.json'))
    const page = read('docs/gas.md')
    expect(Object.keys(gas).length).toBeGreaterThan(0)
    for (const [name, used] of Object.entries(gas))
      expect(page).toContain(`| \`${name}\` | ${used.toLocaleString('en-US')} |`)
  })
})

describe('docs/sdk.md', () => {
  /** GitHub's anchors for a page's headings. */
  const anchors = (page: string) =>
    [...page.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading = '']) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replaceAll(' ', '-'),
    )

  test('links only to pages and headings that exist', () => {
    const links = [...read('docs/sdk.md').matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, href = '']) => href)
      .filter((href) => !/^[a-z]+:/.test(href))
    expect(links.length).toBeGreaterThan(0)
    for (const href of links) {
      const [file = '', anchor] = href.split('#')
      const target = read(`docs/${file}`)
      if (anchor) expect(anchors(target), href).toContain(anchor)
    }
  })
})
