import { type Address, erc20Abi, type PublicClient, zeroAddress } from 'viem'
import { chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
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
import { ExitCode } from '../command.js'
import { formatAmount, formatDuration } from '../format.js'

const usage = 'daimm buy <offerId> [--max-price <amount>] [options]'

const help = `Usage: ${usage}

Buys (or renews) a license to a model through an offer its owner published. The price is paid
in the offer's token — ETH as the value, or an ERC-20, approved for exactly the price first when
the allowance is short — and the purchase fails rather than pay more than --max-price. The
license is recorded on-chain, where gateways check it.

Arguments:
  <offerId>              the offer to buy through

Options:
  --max-price <amount>   the most you pay, in the offer's token (e.g. 0.1 for 0.1 ETH); default:
                           the offer's price as read now (offers never change their price)
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm buy 3
  daimm buy 3 --max-price 0.05 --json
`

export const buyCommand = chainCommand({
  name: 'buy',
  summary: 'Buy a license to a model through an offer',
  help,
  options: {
    ...signerOptions,
    'max-price': { type: 'string' },
  },
  async run({ values, positionals }, io) {
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
    if (offer.cancelled) throw new CliFailure(`Offer ${offerId} was cancelled by its seller.`)
    if (offer.signed)
      throw new CliFailure(
        `Offer ${offerId} was listed from a signed offer: it is bought with the seller's signature (buyWithSignature), not by id.`,
      )
    if (offer.supplyCap !== 0 && offer.sold >= offer.supplyCap)
      throw new CliFailure(
        `Offer ${offerId} is sold out: all ${offer.supplyCap} licenses are sold.`,
      )
    const token = await tokenOf(publicClient, offer.token)
    const maxPrice =
      values['max-price'] === undefined
        ? offer.price
        : parseAmount('--max-price', values['max-price'], token.decimals, '0.1')
    if (values['max-price'] === undefined)
      note(
        io,
        values.json,
        `Paying the offer's price, ${formatAmount(offer.price, token.decimals)} ${token.symbol} (set a ceiling with --max-price).`,
      )
    const purchase = await daimm.market.buyLicense({ offerId, maxPrice })
    const license = await daimm.market.getLicense({
      modelId: offer.modelId,
      account: account.address,
    })
    if (values.json) {
      writeJson(io, {
        offerId,
        modelId: offer.modelId,
        buyer: account.address,
        token: offer.token,
        price: offer.price,
        expiresAt: purchase.expiresAt?.toISOString() ?? null,
        commercial: license?.commercial ?? offer.commercial,
        termsCid: offer.termsCid,
        transaction: purchase.hash,
      })
      return ExitCode.ok
    }
    io.stdout.write(
      `Bought a license to model ${offer.modelId}\n${formatRows([
        ['offer', `${offerId} from ${offer.seller}`],
        ['price', `${formatAmount(offer.price, token.decimals)} ${token.symbol}`],
        [
          'expires',
          purchase.expiresAt
            ? `${formatDate(purchase.expiresAt)} (licenses of ${formatDuration(BigInt(offer.duration))})`
            : 'never (perpetual)',
        ],
        ['use', (license?.commercial ?? offer.commercial) ? 'commercial' : 'non-commercial'],
        ['terms', offer.termsCid],
        ['buyer', account.address],
        ['transaction', purchase.hash],
      ])}\n`,
    )
    return ExitCode.ok
  },
})

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
