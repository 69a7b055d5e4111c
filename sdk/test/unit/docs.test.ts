import { readdirSync, readFileSync } from 'node:fs'
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
    notBefore: 0n,
    nonce: 0n,
    deadline: 0n,
  })
  const offer = offerTypedData({
    market: zero,
    chainId: 1,
    offer: {
      modelId: `0x${'00'.repeat(32)}`,
      seller: zero,
      token: zero,
      price: 0n,
      duration: 0n,
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

describe('docs/deployment.md', () => {
  const units: Record<string, bigint> = {
    second: 1n,
    minute: 60n,
    hour: 3600n,
    day: 86_400n,
    week: 604_800n,
    ether: 10n ** 18n,
    DAIMM: 10n ** 18n,
  }
  /** `172,800 (2 days)`, `10 minutes`, `1,000 DAIMM`, `uint256(100_000 ether)`, `2 days` as a number. */
  const amount = (text: string): bigint | undefined => {
    const match = /^(?:uint256\()?([\d,_]+)\s*([a-zA-Z]+)?/.exec(text.trim())
    if (!match) return undefined
    const unit = match[2]?.replace(/s$/, '')
    const value = BigInt((match[1] ?? '').replaceAll(/[,_]/g, ''))
    return unit && units[unit] ? value * units[unit] : value
  }
  const script = read('script/Deploy.s.sol')
  /** Each variable's defaults in the script: [other chains, local chain]. */
  const scriptDefaults = new Map(
    [...script.matchAll(/vm\.envOr\("(DAIMM_\w+)", ([^\n]+?)\)\)?[,;]?\n/g)].map(
      ([, name, expr]) => {
        const [, local, other] = /local \? (.+?) : (.+)$/.exec(expr ?? '') ?? ['', expr, expr]
        return [name as string, [amount(other ?? ''), amount(local ?? '')]] as const
      },
    ),
  )
  const rows = [
    ...read('docs/deployment.md').matchAll(/^\| `(DAIMM_\w+)`[^|]*\| ([^|]+) \| ([^|]+) \|$/gm),
  ]

  test('the settings table lists exactly the variables script/Deploy.s.sol reads', () => {
    expect(scriptDefaults.size).toBeGreaterThan(15)
    expect(rows.map(([, name]) => name).sort()).toEqual([...scriptDefaults.keys()].sort())
  })

  test("each numeric default in the table is the script's, on other chains and locally", () => {
    for (const [, name = '', other = '', local = ''] of rows) {
      const documented = [amount(other), local.trim() === 'same' ? amount(other) : amount(local)]
      const [scriptOther, scriptLocal] = scriptDefaults.get(name) ?? []
      if (scriptOther !== undefined)
        expect(documented[0], `${name} (other chains)`).toBe(scriptOther)
      if (scriptLocal !== undefined) expect(documented[1], `${name} (31337)`).toBe(scriptLocal)
    }
  })
})

describe('docs/protocol.md', () => {
  const page = read('docs/protocol.md')
  /** The range column of the governed-parameters row whose parameter cell starts with `parameter`. */
  const range = (module: string, parameter: string) =>
    new RegExp(`^\\| ${module} \\| ${parameter}[^|]*\\| ([^|]+) \\|`, 'm').exec(page)?.[1] ?? ''
  /** A constant's value in a contract, as the page writes it (`1,000`, `365 days`). */
  const constant = (source: string, name: string) => {
    const [, value = '', unit] =
      new RegExp(`constant ${name} = ([\\d_]+)( days)?;`).exec(read(source)) ?? []
    return `${Number(value.replaceAll('_', '')).toLocaleString('en-US')}${unit ?? ''}`
  }
  const bounds = [
    ['ModelRegistry', 'royalty rate', 'src/ModelRegistry.sol', 'MAX_ROYALTY_BPS'],
    ['ModelRegistry', 'lineage depth', 'src/ModelRegistry.sol', 'MAX_LINEAGE_DEPTH'],
    ['StakeManager', 'unbonding period', 'src/StakeManager.sol', 'MAX_UNBONDING_PERIOD'],
    ['StakeManager', 'unbonding requests', 'src/StakeManager.sol', 'MAX_UNBONDING_REQUESTS'],
    ['ScoringManager', 'commit and reveal windows', 'src/ScoringManager.sol', 'MAX_WINDOW'],
    ['ScoringManager', 'committee size', 'src/ScoringManager.sol', 'MAX_COMMITTEE_SIZE'],
    ['RoyaltySplitter', 'upstream share', 'src/RoyaltySplitter.sol', 'MAX_UPSTREAM_BPS'],
    ['RoyaltySplitter', 'upstream share', 'src/RoyaltySplitter.sol', 'MAX_UPSTREAM_DEPTH'],
    ['RoyaltySplitter', 'split size', 'src/RoyaltySplitter.sol', 'MAX_TOTAL_WEIGHT'],
    ['RoyaltySplitter', 'split size', 'src/RoyaltySplitter.sol', 'MAX_ACCEPTED_TOKENS'],
    ['Marketplace', 'protocol fee', 'src/Marketplace.sol', 'MAX_PROTOCOL_FEE_BPS'],
  ] as const

  for (const [module, parameter, source, name] of bounds)
    test(`${module} ${parameter}: the range names ${name} as the contract sets it`, () => {
      const value = constant(source, name)
      expect(value).not.toBe('0')
      expect(range(module, parameter)).toMatch(new RegExp(`(≤|…) ${value}\\b`))
    })
})

describe('README.md', () => {
  test('links every page of docs/', () => {
    const readme = read('README.md')
    const pages = readdirSync(new URL('docs/', root)).filter((name) => name.endsWith('.md'))
    expect(pages.length).toBeGreaterThan(10)
    expect(pages.filter((name) => !readme.includes(`](docs/${name}`))).toEqual([])
  })
})
