import { stat, writeFile } from 'node:fs/promises'
import {
  type Address,
  ContractFunctionExecutionError,
  type Hash,
  type Hex,
  zeroAddress,
} from 'viem'
import type { OfferTerms } from '../../actions/market/types.js'
import { cidFromBytes, cidToBytes } from '../../actions/registry/types.js'
import type { CID } from '../../cid/index.js'
import { parseCid } from '../../cid/parse-cid.js'
import { DaimmError } from '../../errors.js'
import { marketplaceAbi } from '../../generated/contracts.js'
import {
  type ChainIo,
  chainHelp,
  type chainOptions,
  connectChain,
  type SignerConnection,
  signerHelp,
  signerOptions,
} from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatDate,
  formatRows,
  noPositionals,
  note,
  onePositional,
  outputHelp,
  type outputOptions,
  parseAddress,
  parseAmount,
  parseDeadline,
  parseDuration,
  parseId,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { formatAmount, formatDuration } from '../format.js'
import { type ParsedFlags, parseWholeNumber } from '../parse-flags.js'
import {
  checkSignedOfferChain,
  readSignedOffer,
  signedOfferRecord,
  signedOfferText,
} from '../signed-offer.js'
import { tokenOf } from './buy.js'
import { storeFile, storesOf } from './register.js'

/** The Marketplace's field widths: `uint96 price`, `uint32 duration`, `uint24 supplyCap`. */
const MAX_PRICE = 2n ** 96n - 1n
const MAX_DURATION = 2 ** 32 - 1
const MAX_SUPPLY = 2 ** 24 - 1

const usage = 'daimm offer <modelId> --price <amount> --terms <file|cid> [options]'
const signUsage =
  'daimm offer <modelId> --price <amount> --terms <file|cid> --sign --deadline <when> [--out <file>]'
const cancelUsage = 'daimm offer --cancel <offerId> | --cancel-signed <file> [options]'

const help = `Usage: ${usage}
       ${signUsage}
       daimm offer --cancel <offerId> [options]
       daimm offer --cancel-signed <file> [options]

Offers licenses to a model you own. By default the offer is published on-chain (one transaction)
and buyers buy through its id (\`daimm buy <offerId>\`). With --sign nothing is sent: the offer is
signed (EIP-712) and written as JSON to a file you hand to buyers, who fill it with
\`daimm buy --signed <file>\`; it is listed on-chain at its first sale. Terms never change; the
seller can only cancel an offer (--cancel, --cancel-signed). Licenses sold stay valid.

Arguments:
  <modelId>              the model to license (0x and 64 hex digits, or its token id)

Options:
  --price <amount>       the price of one license, in the token (e.g. 0.1 for 0.1 ETH; 0 is free)
  --token <token>        the payment token: ETH (default), DAIMM, or an ERC-20's address
  --duration <time>      how long a license lasts: seconds, or 30d, 12h, 2w (default: perpetual)
  --supply <n>           sell at most n licenses (default: unlimited)
  --commercial           licenses allow commercial use (default: non-commercial)
  --terms <file|cid>     the license text: a file (its CID is computed here), or the CID of one
                           published already
  --store <dir>          put the terms file in this local content store
  --kubo <url>           add the terms file to a Kubo node (RPC API), pinned
  --sign                 sign the offer for buyers to fill, instead of publishing it
  --deadline <when>      with --sign: until when it can be filled: a time from now by the chain's
                           clock (7d, 12h) or a date (2025-07-01, 2025-07-01T12:00; UTC unless a
                           zone is given)
  --nonce <n>            with --sign: its nonce (default: your smallest valid one); signed offers
                           below a nonce are voided together (Marketplace.invalidateNonces)
  --out <file>           with --sign: write the signed offer to this file (default: stdout)
  --cancel <offerId>     cancel an offer published on-chain
  --cancel-signed <file> cancel the signed offer in this file, whether it sold already or not
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm offer 0x5f1c…e9 --price 0.1 --duration 30d --commercial --terms LICENSE.txt --store ~/.daimm/store
  daimm offer 0x5f1c…e9 --price 100 --token DAIMM --supply 50 --terms bafkrei…
  daimm offer 0x5f1c…e9 --price 0.05 --terms LICENSE.txt --sign --deadline 7d --out offer.json
  daimm offer --cancel 3
  daimm offer --cancel-signed offer.json
`

const options = {
  ...signerOptions,
  price: { type: 'string' },
  token: { type: 'string' },
  duration: { type: 'string' },
  supply: { type: 'string' },
  commercial: { type: 'boolean' },
  terms: { type: 'string' },
  store: { type: 'string' },
  kubo: { type: 'string' },
  sign: { type: 'boolean' },
  deadline: { type: 'string' },
  nonce: { type: 'string' },
  out: { type: 'string' },
  cancel: { type: 'string' },
  'cancel-signed': { type: 'string' },
} as const

type Values = ParsedFlags<typeof chainOptions & typeof outputOptions & typeof options>['values']

/** The flags that describe an offer, which the cancel forms do not take. */
const termsFlags = [
  'price',
  'token',
  'duration',
  'supply',
  'commercial',
  'terms',
  'store',
  'kubo',
  'sign',
  'deadline',
  'nonce',
  'out',
] as const
/** The flags of a signed offer only. */
const signFlags = ['deadline', 'nonce', 'out'] as const

export const offerCommand = chainCommand({
  name: 'offer',
  summary: 'Offer licenses to your model: publish, sign or cancel an offer',
  help,
  options,
  async run({ values, positionals }, io) {
    if (values.cancel !== undefined || values['cancel-signed'] !== undefined)
      return cancel(values, positionals, io)
    const request = checkOffer(values, positionals)
    const source = await termsSource(values)

    const connection = await connectChain(values, io, { command: 'offer', signer: true })
    const { daimm, account, publicClient, deployment, chainId } = connection
    const model = await daimm.registry.getModel({ id: request.modelId })
    if (!model) throw new CliFailure(`No model is registered under id ${request.modelId}.`)
    if (model.owner !== account.address)
      throw new CliFailure(
        `Model ${request.modelId} belongs to ${model.owner}, not to ${account.address}: only its owner can offer licenses to it.`,
      )
    const token = request.token === 'DAIMM' ? deployment.contracts.token : request.token
    const tokenInfo = await tokenOf(publicClient, token).catch((error: unknown) => {
      // No code there, or a contract that reverts: not a network failure, which stays as it is.
      if (!(error instanceof ContractFunctionExecutionError)) throw error
      throw new CliFailure(
        `--token ${token} is not an ERC-20 on chain ${chainId}: it answers no decimals().`,
        { metaMessages: ['Give ETH, DAIMM or the address of an ERC-20 token.'] },
      )
    })
    const price = parseAmount('--price', request.price, tokenInfo.decimals, '0.1')
    if (price > MAX_PRICE)
      throw new CliUsageError(
        `--price is at most ${formatAmount(MAX_PRICE, tokenInfo.decimals)} ${tokenInfo.symbol} (the Marketplace keeps prices in 96 bits).`,
      )
    // Checked before the terms are stored anywhere.
    const signing = request.sign && (await checkSigning(connection, request.sign))

    const stores = storesOf(values)
    const termsCid = 'cid' in source ? source.cid : await storeFile(source.file, stores)
    if ('file' in source && stores.length === 0)
      note(
        io,
        values.json,
        `Note: the terms ${termsCid} are stored nowhere but in ${source.file}: publish them (--store, --kubo) so that buyers can read them.`,
      )
    const terms = {
      modelId: request.modelId,
      token,
      price,
      duration: BigInt(request.duration),
      supplyCap: request.supplyCap,
      commercial: request.commercial,
      termsCid,
    } satisfies OfferTerms
    const summary = {
      ...terms,
      duration: request.duration,
      seller: account.address,
      termsCid: termsCid.toString(),
      stored: stores.map(({ label }) => label),
    }
    const rows = termsRows(summary, tokenInfo)

    if (signing) return sign(connection, io, values.json, { ...signing, terms, summary, rows })
    const { offerId, hash } = await daimm.market.publishOffer({ terms })
    if (values.json) {
      writeJson(io, { offerId, ...summary, transaction: hash })
      return ExitCode.ok
    }
    io.stdout.write(
      `Published offer ${offerId} of licenses to model ${request.modelId}\n${formatRows([
        ...rows,
        ['transaction', hash],
      ])}\n`,
    )
    note(io, values.json, `Buyers buy it with \`daimm buy ${offerId}\`.`)
    return ExitCode.ok
  },
})

/** A timestamp in seconds as a date. */
function chainDate(seconds: bigint): string {
  return formatDate(new Date(Number(seconds) * 1000))
}

/** An offer as the flags give it, checked before any network call. */
type OfferRequest = {
  modelId: Hex
  /** The decimal text: its decimals are checked against the token's once it is read. */
  price: string
  token: Address | 'DAIMM'
  duration: number
  supplyCap: number
  commercial: boolean
  sign?:
    | {
        deadline: ReturnType<typeof parseDeadline>
        nonce: bigint | undefined
        out: string | undefined
      }
    | undefined
}

function checkOffer(values: Values, positionals: readonly string[]): OfferRequest {
  const modelId = parseModelId(
    'The model id',
    onePositional('offer', positionals, 'a model id', usage),
  )
  if (values.price === undefined)
    throw new CliUsageError('daimm offer needs --price: the price of one license.', {
      fix: `Usage: ${usage}`,
    })
  // The format now; the decimals once the token's are known.
  parseAmount('--price', values.price, 18, '0.1')
  if (values.terms === undefined)
    throw new CliUsageError(
      'daimm offer needs --terms: the license text, as a file or the CID of one.',
      { fix: `Usage: ${usage}` },
    )
  const tokenText = values.token?.trim().toUpperCase()
  const token =
    values.token === undefined || tokenText === 'ETH'
      ? zeroAddress
      : tokenText === 'DAIMM'
        ? 'DAIMM'
        : parseAddress('--token', values.token)
  const duration =
    values.duration === undefined ? 0 : parseDuration('--duration', values.duration, '30d')
  if (duration > MAX_DURATION)
    throw new CliUsageError(
      `--duration is at most ${MAX_DURATION} seconds (about 136 years), not ${values.duration}; leave it out for perpetual licenses.`,
    )
  const supplyCap =
    values.supply === undefined ? 0 : parseWholeNumber('--supply', values.supply, '100')
  if (supplyCap > MAX_SUPPLY)
    throw new CliUsageError(
      `--supply is at most ${MAX_SUPPLY}, not ${values.supply}; leave it out for an unlimited supply.`,
    )
  const request: OfferRequest = {
    modelId,
    price: values.price,
    token,
    duration,
    supplyCap,
    commercial: values.commercial === true,
  }
  if (!values.sign) {
    const stray = signFlags.find((flag) => values[flag] !== undefined)
    if (stray !== undefined)
      throw new CliUsageError(`--${stray} goes with --sign: it describes a signed offer.`, {
        fix: `Usage: ${signUsage}`,
      })
    return request
  }
  if (values.deadline === undefined)
    throw new CliUsageError('--sign needs --deadline: until when buyers can fill the offer.', {
      fix: 'For example: --sign --deadline 7d',
    })
  return {
    ...request,
    sign: {
      deadline: parseDeadline('--deadline', values.deadline),
      nonce: values.nonce === undefined ? undefined : parseId('--nonce', values.nonce, '3'),
      out: values.out,
    },
  }
}

/** `--terms`: a file when one is there, else a CID (which the Marketplace must be able to hold). */
async function termsSource(values: Values): Promise<{ file: string } | { cid: CID }> {
  const text = values.terms as string
  if (
    await stat(text).then(
      (found) => found.isFile(),
      () => false,
    )
  )
    return { file: text }
  let cid: CID
  try {
    // As the Marketplace stores it: a CIDv0 becomes the CIDv1 of the same content.
    cid = parseCid(cidFromBytes(cidToBytes(parseCid(text))))
  } catch (error) {
    throw new CliUsageError(
      `--terms takes a file or a CID, but there is no file ${JSON.stringify(text)}${error instanceof DaimmError && error.name !== 'InvalidCidError' ? ` and ${error.shortMessage.replace(/\.$/, '')}` : ', nor is it a CID'}.`,
      {
        fix: 'Give the license text as a file (its CID is computed here), or the CID (bafkrei…) of one published already.',
      },
    )
  }
  if (values.store !== undefined || values.kubo !== undefined)
    throw new CliUsageError(
      `--${values.store !== undefined ? 'store' : 'kubo'} stores a terms file, but --terms gives a CID: there is nothing to store.`,
    )
  return { cid }
}

/** The offer's terms as rows, for the human output of publishing and signing. */
function termsRows(
  terms: {
    price: bigint
    duration: number
    supplyCap: number
    commercial: boolean
    termsCid: string
    stored: readonly string[]
    seller: Address
  },
  token: { symbol: string; decimals: number },
): [string, string][] {
  return [
    ['price', `${formatAmount(terms.price, token.decimals)} ${token.symbol}`],
    [
      'licenses',
      terms.duration === 0 ? 'perpetual' : `${formatDuration(BigInt(terms.duration))} each`,
    ],
    ['supply', terms.supplyCap === 0 ? 'unlimited' : `${terms.supplyCap} licenses`],
    ['use', terms.commercial ? 'commercial' : 'non-commercial'],
    [
      'terms',
      `${terms.termsCid}${terms.stored.length ? ` (stored in ${terms.stored.join(', ')})` : ''}`,
    ],
    ['seller', terms.seller],
  ]
}

/**
 * The deadline in seconds (a date as given, or a duration from the chain's clock), which must be in
 * the future, and the nonce, which must not be void.
 */
async function checkSigning(
  { publicClient, deployment, account }: SignerConnection,
  { deadline, nonce, out }: NonNullable<OfferRequest['sign']>,
): Promise<{ deadline: bigint; nonce: bigint | undefined; out: string | undefined }> {
  const { timestamp } = await publicClient.getBlock()
  const at = 'at' in deadline ? deadline.at : timestamp + BigInt(deadline.after)
  if (at <= timestamp)
    throw new CliFailure(
      `--deadline ${chainDate(at)} is past: the chain's clock says ${chainDate(timestamp)}.`,
      { metaMessages: ['Give a later date, or a time from now such as --deadline 7d.'] },
    )
  if (nonce !== undefined) {
    const minNonce = await publicClient.readContract({
      address: deployment.contracts.market,
      abi: marketplaceAbi,
      functionName: 'minNonceOf',
      args: [account.address],
    })
    if (nonce < minNonce)
      throw new CliFailure(
        `--nonce ${nonce} is void: you voided your signed offers below nonce ${minNonce}.`,
        { metaMessages: [`Leave --nonce out, or give ${minNonce} or more.`] },
      )
  }
  return { deadline: at, nonce, out }
}

/** Signs the offer and writes the signed-offer file (to --out, else stdout). */
async function sign(
  connection: SignerConnection,
  io: ChainIo,
  json: boolean | undefined,
  {
    terms,
    deadline,
    nonce,
    out,
    summary,
    rows,
  }: {
    terms: OfferTerms
    deadline: bigint
    nonce: bigint | undefined
    out: string | undefined
    summary: { termsCid: string; stored: readonly string[] }
    rows: [string, string][]
  },
): Promise<number> {
  const { daimm, deployment, chainId } = connection
  const signed = await daimm.market.signOffer({ terms, deadline, nonce })
  const file = signedOfferRecord({ chainId, marketplace: deployment.contracts.market, ...signed })
  if (out === undefined) {
    if (json) writeJson(io, file)
    else io.stdout.write(signedOfferText(file))
    note(
      io,
      json,
      `Signed an offer of licenses to model ${terms.modelId} (nonce ${signed.offer.nonce}, until ${chainDate(deadline)}). Save it to a file for buyers: \`daimm buy --signed <file>\`.`,
    )
    return ExitCode.ok
  }
  await writeFile(out, signedOfferText(file)).catch((error: unknown) => {
    throw new CliFailure(
      `Cannot write the signed offer to ${out} (${(error as { code?: string }).code ?? 'unknown error'}).`,
    )
  })
  if (json) {
    writeJson(io, { out, termsCid: summary.termsCid, stored: summary.stored, ...file })
    return ExitCode.ok
  }
  io.stdout.write(
    `Signed an offer of licenses to model ${terms.modelId}, written to ${out}\n${formatRows([
      ...rows,
      ['nonce', String(signed.offer.nonce)],
      ['deadline', chainDate(deadline)],
    ])}\n`,
  )
  note(
    io,
    json,
    `Hand ${out} to buyers: they fill it with \`daimm buy --signed ${out}\`. Cancel it with \`daimm offer --cancel-signed ${out}\`.`,
  )
  return ExitCode.ok
}

/** `--cancel <offerId>` and `--cancel-signed <file>`. */
async function cancel(values: Values, positionals: readonly string[], io: ChainIo) {
  if (values.cancel !== undefined && values['cancel-signed'] !== undefined)
    throw new CliUsageError('--cancel and --cancel-signed each cancel an offer: give one.', {
      fix: `Usage: ${cancelUsage}`,
    })
  const flag = values.cancel !== undefined ? '--cancel' : '--cancel-signed'
  noPositionals('offer', positionals, cancelUsage)
  const stray = termsFlags.find((name) => values[name] !== undefined)
  if (stray !== undefined)
    throw new CliUsageError(`${flag} cancels an offer: it takes no --${stray}.`, {
      fix: `Usage: ${cancelUsage}`,
    })

  if (values.cancel !== undefined) {
    const offerId = parseId('--cancel', values.cancel, '--cancel 3')
    const { daimm } = await connectChain(values, io, { command: 'offer', signer: true })
    const { hash } = await daimm.market.cancelOffer({ offerId })
    const offer = await daimm.market.getOffer({ offerId })
    if (!offer) throw new CliFailure(`No offer has id ${offerId}.`)
    return reportCancel(io, values.json, `Cancelled offer ${offerId} of licenses to model`, {
      offerId,
      modelId: offer.modelId,
      sold: offer.sold,
      transaction: hash,
    })
  }
  const path = values['cancel-signed'] as string
  const { offer, ...file } = await readSignedOffer(path)
  const connection = await connectChain(values, io, { command: 'offer', signer: true })
  checkSignedOfferChain(path, { offer, ...file }, connection)
  const { hash } = await connection.daimm.market.cancelSignedOffer({ offer })
  return reportCancel(
    io,
    values.json,
    `Cancelled the signed offer in ${path}, of licenses to model`,
    {
      file: path,
      modelId: offer.modelId,
      nonce: offer.nonce,
      transaction: hash,
    },
  )
}

function reportCancel(
  io: ChainIo,
  json: boolean | undefined,
  title: string,
  result: { modelId: Hex; transaction: Hash; [key: string]: unknown },
): number {
  if (json) {
    writeJson(io, result)
    return ExitCode.ok
  }
  io.stdout.write(
    `${title} ${result.modelId}\n${formatRows([['transaction', result.transaction]])}\n`,
  )
  note(io, json, 'It sells no more licenses; those it sold stay valid.')
  return ExitCode.ok
}
