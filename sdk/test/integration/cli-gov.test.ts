import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { encodeFunctionData, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { ANVIL_KEYS } from '../../src/cli/dev-accounts.js'
import { modelRegistryAbi } from '../../src/index.js'
import { useDaimm } from './cli-run.js'
import { advance, chain, revertAfterFile } from './local.js'

const { publicClient, deployment } = chain
// Anvil's account 0 votes with its own 1,000,000 DAIMM and the team's vesting wallet from genesis;
// account 3 holds 1,000,000 DAIMM of its own. Nobody is funded, nothing is impersonated.
const asTeam = { env: { DAIMM_PRIVATE_KEY: ANVIL_KEYS[0] } }
const asNewcomer = { env: { DAIMM_PRIVATE_KEY: ANVIL_KEYS[3] } }

const royaltyRate = () =>
  publicClient.readContract({
    address: deployment.contracts.registry,
    abi: modelRegistryAbi,
    functionName: 'royaltyRate',
  })

describe('daimm on the genesis of the local chain', () => {
  revertAfterFile()
  const { cli, daimm } = useDaimm()

  test('a dev account stakes as a validator right after the deployment', async () => {
    const { code, stdout, stderr } = await daimm(
      ['stake', '10000', '--validator', '--json'],
      asNewcomer,
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      account: privateKeyToAccount(ANVIL_KEYS[3]).address,
      staked: parseEther('10000').toString(),
      isValidator: true,
    })
  })

  test('daimm gov proposes, votes, queues and executes a parameter change', async () => {
    const calls = join(cli.directory, 'calls.json')
    await writeFile(
      calls,
      JSON.stringify([
        { target: 'registry', signature: 'setRoyaltyRate(uint16)', args: [300] },
        // The same call as raw calldata, to a target given by address.
        {
          target: deployment.contracts.registry,
          calldata: encodeFunctionData({
            abi: modelRegistryAbi,
            functionName: 'setRoyaltyRate',
            args: [350],
          }),
        },
      ]),
    )
    const description = `Royalty rate to 3.5% (${Date.now()})`
    const proposed = await daimm(
      ['gov', 'propose', calls, '--description', description, '--json'],
      asTeam,
    )
    expect(proposed.stderr).toBe('')
    expect(proposed.code).toBe(0)
    const proposal = JSON.parse(proposed.stdout)
    expect(proposal).toMatchObject({ state: 'pending', description, votes: { for: '0' } })
    expect(proposal.calls).toHaveLength(2)
    const id: string = proposal.proposalId

    // Votes open after the local voting delay (1 s): voting before fails with a reason.
    const early = await daimm(['gov', 'vote', id, 'for'], asTeam)
    expect(early.code).toBe(1)
    expect(early.stderr).toContain(`Proposal ${id} is pending: votes are taken while it is active.`)
    await advance(2)
    const voted = await daimm(['gov', 'vote', id, 'for', '--reason', 'cheaper', '--json'], asTeam)
    expect(voted.code).toBe(0)
    expect(JSON.parse(voted.stdout).votes.for).toBe(parseEther('151000000').toString())

    await advance(301) // past the local voting period
    const status = await daimm(['gov', 'status', id])
    expect(status.code).toBe(0)
    expect(status.stdout).toMatch(new RegExp(`^Proposal ${id}\\n {2}state +succeeded\\n`))
    expect(status.stdout).toMatch(/\n {2}for +151,000,000 DAIMM\n/)

    const queued = await daimm(['gov', 'queue', id, '--json'], asNewcomer) // anyone queues
    expect(queued.code).toBe(0)
    expect(JSON.parse(queued.stdout)).toMatchObject({ state: 'queued' })
    const { eta, voteStart, voteEnd } = JSON.parse(queued.stdout)
    // Chain time in seconds, as decimal strings like every bigint in --json.
    for (const time of [eta, voteStart, voteEnd]) expect(time).toMatch(/^\d+$/)
    expect(BigInt(voteEnd)).toBeGreaterThan(BigInt(voteStart))
    const tooSoon = await daimm(['gov', 'execute', id], asNewcomer)
    expect(tooSoon.code).toBe(1)

    await advance(61) // past the local timelock delay
    const executed = await daimm(['gov', 'execute', id, '--json'], asNewcomer)
    expect(executed.stderr).toBe('')
    expect(executed.code).toBe(0)
    expect(JSON.parse(executed.stdout)).toMatchObject({ state: 'executed' })
    expect(await royaltyRate()).toBe(350)
  })

  test('daimm gov reports a bad calls file and an unknown proposal', async () => {
    const calls = join(cli.directory, 'bad.json')
    await writeFile(calls, JSON.stringify([{ target: 'nowhere', signature: 'pause()' }]))
    const bad = await daimm(['gov', 'propose', calls, '--description', 'x'], asTeam)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('target "nowhere" is neither an address nor a deployed contract')
    const unknown = await daimm(['gov', 'status', '12345'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No proposal has id 12345 on this governor.')
  })
})
