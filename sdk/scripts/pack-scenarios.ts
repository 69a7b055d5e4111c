/**
 * The "done when" scenarios (issue 18), run from the packed tarball as a dApp would: in
 * the project `check:pack` installed it into (argv[2]), against a fresh anvil with the protocol
 * deployed. 1. `stake` from an account with no DAIMM throws a ContractError named
 * ERC20InsufficientBalance and sends nothing; 2. a chainless wallet with a JSON-RPC account
 * registers a model; 3. `daimm.calls.market.buyLicense(…)` returns calls that, sent in order with
 * `sendTransaction`, buy the license.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deployProtocol, startAnvil } from '../src/cli/devnet.js'

const project = process.argv[2]
if (!project) throw new Error('usage: tsx scripts/pack-scenarios.ts <consumer project>')

const consumer = `
import { createDaimmClient, ContractError, onchainToCid } from '@daimm/sdk'
import { createPublicClient, createWalletClient, http, keccak256, toHex, sha256 } from 'viem'
import { foundry } from 'viem/chains'
const rpc = process.env.RPC_URL
const publicClient = createPublicClient({ chain: foundry, transport: http(rpc) })
// Chainless, accountless: the node's unlocked dev accounts sign (JSON-RPC accounts).
const wallet = createWalletClient({ transport: http(rpc) })
const [owner, buyer, broke] = await wallet.getAddresses()
const assert = (ok, what) => { if (!ok) { console.error('FAILED: ' + what); process.exit(1) } }

// 1. No DAIMM: a worded ContractError before anything is sent.
const poor = '0x000000000000000000000000000000000000dEaD'
await publicClient.request({ method: 'anvil_impersonateAccount', params: [poor] })
await publicClient.request({ method: 'anvil_setBalance', params: [poor, toHex(10n ** 20n)] })
const daimmPoor = createDaimmClient({ publicClient, walletClient: wallet })
const nonce = await publicClient.getTransactionCount({ address: poor })
let error
try { await daimmPoor.staking.stake({ amount: 10n ** 18n, account: poor }) } catch (e) { error = e }
assert(error instanceof ContractError, 'stake without DAIMM throws a ContractError, got ' + error)
assert(error.errorName === 'ERC20InsufficientBalance', 'named ERC20InsufficientBalance, got ' + error.errorName)
assert((await publicClient.getTransactionCount({ address: poor })) === nonce, 'the nonce is unchanged')

// 2. A chainless wallet with a JSON-RPC account registers a model.
const daimm = createDaimmClient({ publicClient, walletClient: wallet })
const bytes = toHex(crypto.getRandomValues(new Uint8Array(64)))
const fingerprint = sha256(bytes)
const registration = {
  fingerprint,
  artifactCid: onchainToCid({ codec: 0x55, digest: fingerprint }).toString(),
  metadataCid: onchainToCid({ codec: 0x55, digest: keccak256(bytes) }).toString(),
}
const { id } = await daimm.registry.register({ registration })
assert((await daimm.registry.getModel({ id })).owner === owner, 'the model is registered to the wallet account')

// 3. The calls of buyLicense, sent in order with sendTransaction, buy the license.
const { offerId } = await daimm.market.publishOffer({
  terms: { modelId: id, price: 1000n, termsCid: registration.metadataCid },
})
const calls = await daimm.calls.market.buyLicense({ offerId, maxPrice: 1000n, account: buyer })
assert(calls.length === 1 && calls[0].value === 1000n, 'one call paying the price in ETH')
for (const call of calls) {
  const hash = await wallet.sendTransaction({ account: buyer, chain: null, ...call })
  assert((await publicClient.waitForTransactionReceipt({ hash })).status === 'success', 'the call succeeds')
}
assert(await daimm.market.hasValidLicense({ modelId: id, account: buyer }), 'the buyer holds a license')
console.log('done-when scenarios: stake without DAIMM → ERC20InsufficientBalance, nonce unchanged; chainless JSON-RPC wallet registered ' + id.slice(0, 10) + '…; calls.market.buyLicense bought offer ' + offerId)
`

const anvil = await startAnvil()
try {
  await deployProtocol({ rpcUrl: anvil.rpcUrl })
  writeFileSync(join(project, 'scenarios.mjs'), consumer)
  const out = execFileSync(process.execPath, ['scenarios.mjs'], {
    cwd: project,
    env: { ...process.env, RPC_URL: anvil.rpcUrl },
    encoding: 'utf8',
  })
  process.stdout.write(out)
} finally {
  await anvil.stop()
}
