import { type Address, erc20Abi, type Hex, parseSignature } from 'viem'
import { allowanceOf } from './approval.js'
import { type DaimmContext, type SenderParameters, senderAddressOf, signerOf } from './context.js'
import { recordApproval, type SentTransaction, simulateAndWrite } from './write.js'

/**
 * Before a contract pulls `amount` of an ERC-20 from the sender: when the sender's allowance to
 * `spender` is short, sends an `approve` of exactly `amount` and waits for it (under `daimm.calls`,
 * records it instead).
 *
 * Prefer `simulateAndWrite`'s `approval` option: it sends the approval only once the call that
 * needs it is known to pass.
 */
export async function approveIfShort(
  ctx: DaimmContext,
  {
    token,
    spender,
    amount,
    account,
    action,
  }: { token: Address; spender: Address; amount: bigint; action: string } & SenderParameters,
): Promise<SentTransaction | undefined> {
  if (ctx.calls) {
    const sender = account ?? ctx.walletClient?.account
    const owner = typeof sender === 'string' ? sender : sender?.address
    await recordApproval(ctx, ctx.calls, { token, spender, amount }, owner)
    return undefined
  }
  const owner = senderAddressOf(ctx, account, action)
  const allowance = await allowanceOf(ctx, { token, spender, owner })
  if (allowance >= amount) return undefined
  const { hash, receipt } = await simulateAndWrite(ctx, {
    address: token,
    abi: erc20Abi,
    functionName: 'approve',
    args: [spender, amount],
    account,
  })
  return { hash, receipt }
}

const noncesAbi = [
  {
    type: 'function',
    name: 'nonces',
    stateMutability: 'view',
    inputs: [{ name: 'owner', type: 'address' }],
    outputs: [{ name: '', type: 'uint256' }],
  },
] as const

/** An EIP-2612 permit, split as the `...WithPermit` functions take it. */
export type Permit = { deadline: bigint; v: number; r: Hex; s: Hex }

/**
 * Signs an EIP-2612 permit letting `spender` pull `amount` of `token` from the sender, valid for
 * `validFor` seconds from the latest block (default: one hour). Nothing is sent: the permit goes
 * into the call that uses it (`stake({ permit: true })`).
 */
export async function signPermit(
  ctx: DaimmContext,
  {
    token,
    spender,
    amount,
    account,
    action,
    validFor = 3600n,
  }: {
    token: Address
    spender: Address
    amount: bigint
    action: string
    validFor?: bigint | undefined
  } & SenderParameters,
): Promise<Permit> {
  const { wallet, signer, address } = signerOf(ctx, account, action)
  const [{ domain: all, fields }, nonce, { timestamp }] = await Promise.all([
    ctx.publicClient.getEip712Domain({ address: token }),
    ctx.publicClient.readContract({
      address: token,
      abi: noncesAbi,
      functionName: 'nonces',
      args: [address],
    }),
    ctx.publicClient.getBlock(),
  ])
  const deadline = timestamp + validFor
  // ERC-5267: `fields` says which members the token's domain has (a salt of zero may be absent).
  const bit = (i: number) => (Number.parseInt(fields, 16) >> i) & 1
  const domain = {
    ...(bit(0) && { name: all.name }),
    ...(bit(1) && { version: all.version }),
    ...(bit(2) && { chainId: all.chainId }),
    ...(bit(3) && { verifyingContract: all.verifyingContract }),
    ...(bit(4) && { salt: all.salt }),
  }
  const signature = await wallet.signTypedData({
    account: signer,
    domain,
    types: {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    message: { owner: address, spender, value: amount, nonce, deadline },
  })
  const { r, s, v, yParity } = parseSignature(signature)
  return { deadline, v: v === undefined ? yParity + 27 : Number(v), r, s }
}
