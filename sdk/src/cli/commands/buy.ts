import { type Address, erc20Abi, type Hash, type Hex, type PublicClient, zeroAddress } from 'viem'
import { cidFromBytes } from '../../actions/registry/types.js'
import type { DaimmClient } from '../../client.js'
import {
  type ChainFlags,
  type ChainIo,
  chainHelp,
  connectChain,
  signerHelp,
  signerOptions,
} from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatDate,
  formatRows,
  note,
  onePositional,
  outputHelp,
  parseAmount,
  parseId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { formatAmount, formatDuration } from '../format.js'
import { checkSignedOfferChain, readSignedOffer } from '../signed-offer.js'

const usage = 'daimm buy <offerId> [--max-price <amount>] [options]'
const signedUsage = 'daimm buy --signed <file> [--max-price <amount>] [options]'

const help = `Usage: ${usage}
       ${signedUsage}

Buys (or renews) a license to a model through an offer its owner published, or through an offer
its owner signed (--signed: the file \`daimm offer --sign\` wrote). The price is paid in the
offer's token — ETH as the value, or an ERC-20, approved for exactly the price first when the
allowance is short — and the purchase fails rather than pay more than --max-price. The license
is recorded on-chain, where gateways check it.

Arguments:
  <offerId>              the offer to buy through

Options:
  --signed <file>        fill the signed offer in this file instead (its signature is checked
                           on-chain: a file changed after signing is refused)
  --max-price <amount>   the most you pay, in the offer's token (e.g. 0.1 for 0.1 ETH); default:
                           the offer's price as read now (offers never change their price)
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm buy 3
  daimm buy 3 --max-price 0.05 --json
  daimm buy --signed offer.json --max-price 0.1
`

export const buyCommand = chainCommand({
  name: 'buy',
  summary: 'Buy a license to a model through an offer (published or signed)',
  help,
  options: {
    ...signerOptions,
    'max-price': { type: 'string' },
    signed: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    if (values.signed !== undefined) return buySigned(values.signed, values, positionals, io)
    const offerId = parseId(
      'The offer id',
      onePositional('buy', positionals, 'an offer id', usage),
      'daimm buy 3',
    )
    if (values['max-price'] !== undefined) parseAmount('--max-price', values['max-price'])

    const { daimm, account, publicClient } = await connectChain(values, io, {
      command: 'buy',
      signer: true,
    })
    const offer = await daimm.market.getOffer({ offerId })
    if (!offer) throw new CliFailure(`No offer has id ${offerId}.`)
    if (offer.cancelled) throw new CliFailure(`Offer ${offerId} was cancelled by its seller.`)
    if (offer.signed)
      throw new CliFailure(
        `Offer ${offerId} was listed from a signed offer: it is bought with the seller's signature (buyWithSignature), not by id.`,
        {
          metaMessages: ['Ask the seller for the signed offer file: `daimm buy --signed <file>`.'],
        },
      )
    if (offer.supplyCap !== 0 && offer.sold >= offer.supplyCap)
      throw new CliFailure(
        `Offer ${offerId} is sold out: all ${offer.supplyCap} licenses are sold.`,
      )
    const token = await tokenOf(publicClient, offer.token)
    const maxPrice = maxPriceOf(values, offer.price, token, io)
    const purchase = await daimm.market.buyLicense({ offerId, maxPrice })
    return reportPurchase(
      daimm,
      io,
      values.json,
      { ...offer, offerId, buyer: account.address },
      token,
      purchase,
    )
  },
})

/** `daimm buy --signed <file>`: fills a signed offer; --max-price is checked before sending. */
async function buySigned(
  path: string,
  values: ChainFlags & { 'max-price'?: string | undefined; json?: boolean | undefined },
  positionals: readonly string[],
  io: ChainIo,
): Promise<number> {
  if (positionals.length > 0)
    throw new CliUsageError(
      `--signed fills the offer in a file: give no offer id too (got ${positionals.join(' ')}).`,
      { fix: `Usage: ${signedUsage}` },
    )
  if (values['max-price'] !== undefined) parseAmount('--max-price', values['max-price'])
  const file = await readSignedOffer(path)
  const connection = await connectChain(values, io, { command: 'buy', signer: true })
  checkSignedOfferChain(path, file, connection)
  const { daimm, account, publicClient } = connection
  const { offer, signature } = file
  const token = await tokenOf(publicClient, offer.token)
  const maxPrice = maxPriceOf(values, offer.price, token, io)
  if (offer.price > maxPrice)
    throw new CliFailure(
      `The signed offer costs ${formatAmount(offer.price, token.decimals)} ${token.symbol}, above the maximum price of ${formatAmount(maxPrice, token.decimals)} ${token.symbol} you set.`,
      { metaMessages: ['Nothing was sent. Raise --max-price if you accept that price.'] },
    )
  const purchase = await daimm.market.buyWithSignature({ offer, signature })
  return reportPurchase(
    daimm,
    io,
    values.json,
    {
      ...offer,
      offerId: purchase.offerId,
      modelId: offer.modelId,
      termsCid: cidFromBytes(offer.termsCid),
      buyer: account.address,
    },
    token,
    purchase,
  )
}

/** --max-price in the token's units, else the offer's price (said in a note). */
function maxPriceOf(
  values: { 'max-price'?: string | undefined; json?: boolean | undefined },
  price: bigint,
  token: { symbol: string; decimals: number },
  io: ChainIo,
): bigint {
  if (values['max-price'] !== undefined)
    return parseAmount('--max-price', values['max-price'], token.decimals, '0.1')
  note(
    io,
    values.json,
    `Paying the offer's price, ${formatAmount(price, token.decimals)} ${token.symbol} (set a ceiling with --max-price).`,
  )
  return price
}

/** What was bought, as rows or JSON. */
async function reportPurchase(
  daimm: DaimmClient,
  io: ChainIo,
  json: boolean | undefined,
  offer: {
    offerId: bigint
    modelId: Hex
    seller: Address
    buyer: Address
    token: Address
    price: bigint
    duration: bigint
    commercial: boolean
    termsCid: string
  },
  token: { symbol: string; decimals: number },
  purchase: { hash: Hash; expiresAt: bigint | null },
): Promise<number> {
  const license = await daimm.market.getLicense({ modelId: offer.modelId, account: offer.buyer })
  const commercial = license?.commercial ?? offer.commercial
  if (json) {
    writeJson(io, {
      offerId: offer.offerId,
      modelId: offer.modelId,
      buyer: offer.buyer,
      token: offer.token,
      price: offer.price,
      expiresAt: purchase.expiresAt,
      commercial,
      termsCid: offer.termsCid,
      transaction: purchase.hash,
    })
    return ExitCode.ok
  }
  io.stdout.write(
    `Bought a license to model ${offer.modelId}\n${formatRows([
      ['offer', `${offer.offerId} from ${offer.seller}`],
      ['price', `${formatAmount(offer.price, token.decimals)} ${token.symbol}`],
      [
        'expires',
        purchase.expiresAt
          ? `${formatDate(purchase.expiresAt)} (licenses of ${formatDuration(offer.duration)})`
          : 'never (perpetual)',
      ],
      ['use', commercial ? 'commercial' : 'non-commercial'],
      ['terms', offer.termsCid],
      ['buyer', offer.buyer],
      ['transaction', purchase.hash],
    ])}\n`,
  )
  return ExitCode.ok
}

/** The payment token's symbol and decimals: ETH, or what the ERC-20 says of itself. */
export async function tokenOf(
  publicClient: PublicClient,
  token: Address,
): Promise<{ symbol: string; decimals: number }> {
  if (token === zeroAddress) return { symbol: 'ETH', decimals: 18 }
  const [symbol, decimals] = await Promise.all([
    publicClient
      .readContract({ address: token, abi: erc20Abi, functionName: 'symbol' })
      .catch(() => `token ${token}`),
    publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
  ])
  return { symbol, decimals }
}
