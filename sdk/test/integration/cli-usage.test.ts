import { writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { type Hex, keccak256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  genesisUsageHash,
  type UsageEntry,
  usageEntryHash,
  usageEntryToJson,
  usageMerkleProof,
  usageMerkleRoot,
} from '../../src/index.js'
import { useDaimm } from './cli-run.js'
import { clientOf, freshRegistration, giveEth, testAccount } from './local.js'

const owner = testAccount('cli usage owner')
const licensee = testAccount('cli usage licensee').address
const { cli, daimm } = useDaimm()

let modelA: Hex
let modelB: Hex
const entries: UsageEntry[] = []
/** Stands in for the gateway's GET /v1/usage/proofs (the real route is tested in @daimm/gateway). */
const proofs = new Map<string, { seq: string; anchorIndex: number; proof: Hex[] }>()
let server: Server
let gateway: string

beforeAll(async () => {
  await giveEth(owner)
  const daimmClient = clientOf(owner)
  modelA = (await daimmClient.registry.register({ registration: freshRegistration() })).id
  modelB = (await daimmClient.registry.register({ registration: freshRegistration() })).id
  let previous: Hex = genesisUsageHash
  for (let i = 1; i <= 6; i++) {
    const entry: UsageEntry = {
      seq: BigInt(i),
      at: 1_800_000_000n + BigInt(i),
      modelId: i % 3 === 0 ? modelB : modelA,
      licensee,
      action: 'download',
      requestDigest: keccak256(toHex(`cli request ${i}`)),
      responseDigest: keccak256(toHex(`cli response ${i}`)),
      previousHash: previous,
    }
    previous = usageEntryHash(entry)
    entries.push(entry)
  }
  for (const model of [modelA, modelB]) {
    const own = entries.filter((e) => e.modelId === model)
    const hashes = own.map(usageEntryHash)
    const { index } = await daimmClient.usage.anchor({
      modelId: model,
      root: usageMerkleRoot(hashes),
      fromSeq: 1n,
      toSeq: 6n,
      count: own.length,
    })
    own.forEach((e, i) => {
      proofs.set(String(e.seq), {
        seq: String(e.seq),
        anchorIndex: Number(index),
        proof: usageMerkleProof(hashes, i),
      })
    })
  }
  server = createServer((request, response) => {
    const seqs = new URL(request.url ?? '/', 'http://x').searchParams.get('seq')?.split(',') ?? []
    response.setHeader('content-type', 'application/json')
    response.end(
      JSON.stringify({ items: seqs.flatMap((s) => proofs.get(s) ?? []), unanchored: [] }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  gateway = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
})

async function entriesFile(name: string, list: readonly UsageEntry[]): Promise<string> {
  const file = join(cli.directory, name)
  await writeFile(
    file,
    JSON.stringify({ items: list.map((e) => usageEntryToJson(e, usageEntryHash(e))) }),
  )
  return file
}

describe('daimm usage verify', () => {
  test("verifies a licensee's entries against the anchored roots", async () => {
    const ofA = entries.filter((e) => e.modelId === modelA)
    const file = await entriesFile('a.json', ofA)
    const run = await daimm([
      'usage',
      'verify',
      file,
      '--gateway',
      gateway,
      '--model',
      modelA,
      '--licensee',
      licensee,
    ])
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('All 4 entries verify against the chain.')
    expect(run.code).toBe(0)
  })

  test('exits 1 naming a tampered entry', async () => {
    // The response digest of entry 4 changed, and its listed hash recomputed to match: only the
    // chain's root can tell.
    const tampered = entries
      .filter((e) => e.modelId === modelA)
      .map((e) => (e.seq === 4n ? { ...e, responseDigest: keccak256(toHex('forged')) } : e))
    const run = await daimm([
      'usage',
      'verify',
      await entriesFile('t.json', tampered),
      '--gateway',
      gateway,
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/entry 4 \(not-in-anchor\)/)
    expect(run.stderr).toMatch(/entry 4 does not verify/)
  })

  test('exits 1 naming an entry of another model', async () => {
    const run = await daimm([
      'usage',
      'verify',
      await entriesFile('all.json', entries),
      '--gateway',
      gateway,
      '--model',
      modelA,
      '--json',
    ])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.failures.map((f: { seq: string; reason: string }) => [f.seq, f.reason])).toEqual([
      ['3', 'other-model'],
      ['6', 'other-model'],
    ])
  })
})
