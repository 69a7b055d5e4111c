import { reviewDocument } from '../../actions/market/review.js'
import { computeCid } from '../../cid/compute-cid.js'
import { chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  formatRows,
  onePositional,
  outputHelp,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'
import { parseWholeNumber } from '../parse-flags.js'
import { formatRating } from './models.js'
import { storesOf } from './register.js'

const usage = 'daimm review <modelId> --rating <1-5> --text <review> [options]'

const help = `Usage: ${usage}

Reviews a model you hold or have held a license to: a rating of 1 to 5 stars and a text. The
text goes into a small JSON document (model, rating, text, reviewer) whose IPFS CID is sent
on-chain with the rating; reviewing again replaces your earlier review. Anyone else's review is
refused (NotLicensee).

Arguments:
  <modelId>              the model's id (its fingerprint, 0x + 64 hex digits)

Options:
  --rating <n>           1 to 5 stars
  --text <review>        the review's text
  --store <dir>          put the review document in this local content store
  --kubo <url>           add the review document to a Kubo node (RPC API)
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm review 0x5f1c…e9 --rating 5 --text "Accurate on our data, and fast."
  daimm review 0x5f1c…e9 --rating 2 --text "Slower than announced." --store ~/.daimm/store --json
`

export const reviewCommand = chainCommand({
  name: 'review',
  summary: 'Rate and review a model you hold a license to',
  help,
  options: {
    ...signerOptions,
    rating: { type: 'string' },
    text: { type: 'string' },
    store: { type: 'string' },
    kubo: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const modelId = parseModelId(
      'The model id',
      onePositional('review', positionals, 'a model id', usage),
    )
    if (values.rating === undefined)
      throw new CliUsageError('--rating is required: 1 to 5 stars.', { fix: `Usage: ${usage}` })
    const rating = parseWholeNumber('--rating', values.rating, '5')
    if (rating < 1 || rating > 5)
      throw new CliUsageError(`--rating is 1 to 5 stars, not ${rating}.`, { fix: '--rating 4' })
    const text = values.text ?? ''
    if (text.trim() === '')
      throw new CliUsageError('--text is required: the review itself.', {
        fix: '--text "Accurate on our data."',
      })

    const { daimm, account } = await connectChain(values, io, { command: 'review', signer: true })
    const bytes = reviewDocument({ model: modelId, rating, text, reviewer: account.address })
    const { cid } = await computeCid(bytes)
    for (const { label, store } of storesOf(values)) {
      const stored = (await store.put(bytes)).cid
      if (!stored.equals(cid))
        throw new CliFailure(
          `${label} stored the review as ${stored}, not ${cid} as computed here.`,
        )
    }
    const result = await daimm.market.review({ modelId, rating, reviewCid: cid })
    const model = await daimm.market.getRating({ modelId })
    if (values.json) {
      writeJson(io, {
        modelId,
        reviewer: account.address,
        rating,
        previousRating: result.previousRating,
        reviewCid: cid.toString(),
        transaction: result.hash,
        modelRating: model,
      })
      return ExitCode.ok
    }
    io.stdout.write(
      `${result.previousRating === null ? 'Reviewed' : 'Updated your review of'} ${modelId}\n${formatRows(
        [
          [
            'rating',
            `${rating}★${result.previousRating === null ? '' : ` (was ${result.previousRating}★)`}`,
          ],
          ['review', cid.toString()],
          ['transaction', result.hash],
          ['model rating', formatRating(model)],
        ],
      )}\n`,
    )
    return ExitCode.ok
  },
})
