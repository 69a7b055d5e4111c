import { readFile } from 'node:fs/promises'
import type { UsageProof } from '../../actions/usage/verifyUsage.js'
import { getUsage } from '../../licensing/get-usage.js'
import type { UsageEntry } from '../../usage/entry.js'
import { parseUsageEntry, parseUsageProof } from '../../usage/json.js'
import { type ChainIo, chainHelp, connectChain, signerHelp, signerOptions } from '../chain.js'
import {
  CliFailure,
  chainCommand,
  outputHelp,
  parseAddress,
  parseModelId,
  writeJson,
} from '../chain-command.js'
import { CliUsageError, ExitCode } from '../command.js'

const usage = 'daimm usage verify [<entries.json>] --gateway <url> [options]'

const help = `Usage: ${usage}

Checks your usage entries against the roots the gateway anchored on-chain (UsageAnchors): each
entry's hash is recomputed from its fields, its inclusion proof is fetched from the gateway
(GET /v1/usage/proofs, hashes only) and checked against the root read from the chain, never from
the gateway. Exits 1 naming every entry that fails and why: altered, not anchored yet, or not of
the model or licensee asked for.

Arguments:
  <entries.json>         your entries, as GET /v1/usage returns them ({"entries": [...]} or a list);
                           without it, your entries are read from the gateway with a request your
                           account signs (a licensee reads its own, a model's owner all of the model's)

Options:
  --gateway <url>        the gateway that logged the entries (proofs come from it)
  --model <id>           every entry must be of this model
  --licensee <address>   every entry must be of this licensee
${chainHelp}
${signerHelp}
${outputHelp}

Examples:
  daimm usage verify --gateway http://127.0.0.1:8787 --model 0x5f1c…e9
  daimm usage verify my-usage.json --gateway http://127.0.0.1:8787
  daimm usage verify my-usage.json --gateway https://gw.example --model 0x5f1c…e9 --json
`

/** Proofs by batches of the gateway's limit. */
async function fetchProofs(gateway: string, seqs: readonly bigint[]): Promise<UsageProof[]> {
  const proofs: UsageProof[] = []
  for (let i = 0; i < seqs.length; i += 100) {
    const url = new URL('v1/usage/proofs', gateway.endsWith('/') ? gateway : `${gateway}/`)
    url.searchParams.set('seq', seqs.slice(i, i + 100).join(','))
    let response: Response
    try {
      response = await fetch(url)
    } catch (error) {
      throw new CliFailure(`The gateway at ${gateway} did not answer: ${(error as Error).message}`)
    }
    if (!response.ok)
      throw new CliFailure(`The gateway refused ${url.pathname}: HTTP ${response.status}.`)
    const body = (await response.json()) as { items?: unknown[] }
    proofs.push(...(body.items ?? []).map(parseUsageProof))
  }
  return proofs
}

export const usageCommand = chainCommand({
  name: 'usage',
  summary: 'Verify your usage entries against the roots anchored on-chain',
  help,
  options: {
    gateway: { type: 'string' },
    model: { type: 'string' },
    licensee: { type: 'string' },
    ...signerOptions,
  },
  async run({ values, positionals }, io) {
    const [sub, file, ...extra] = positionals
    if (sub !== 'verify' || extra.length > 0)
      throw new CliUsageError(
        sub === 'verify' ? 'Give at most one entries file.' : 'The only subcommand is verify.',
        { fix: `Usage: ${usage}` },
      )
    if (values.gateway === undefined)
      throw new CliUsageError('--gateway is required: proofs come from the gateway.', {
        fix: '--gateway http://127.0.0.1:8787',
      })
    const modelId = values.model === undefined ? undefined : parseModelId('--model', values.model)
    const licensee =
      values.licensee === undefined ? undefined : parseAddress('--licensee', values.licensee)
    const entries =
      file === undefined
        ? await entriesFromGateway(values, io, values.gateway, modelId, licensee)
        : await entriesFromFile(file)
    if (entries.length === 0)
      throw new CliFailure(`${file ?? 'The gateway'} holds no usage entries of yours to verify.`)

    const proofs = await fetchProofs(
      values.gateway,
      entries.map((e) => e.seq),
    )
    const { daimm } = await connectChain(values, io, { command: 'usage' })
    const report = await daimm.usage.verify({ entries, proofs, modelId, licensee })
    if (values.json) {
      writeJson(io, report)
    } else {
      if (report.ok) io.stdout.write(`All ${report.verified} entries verify against the chain.\n`)
      else
        io.stdout.write(
          `${report.verified} of ${entries.length} entries verify; ${report.failures.length} do not:\n`,
        )
      for (const f of report.failures)
        io.stdout.write(`  entry ${f.seq} (${f.reason}): ${f.message}\n`)
    }
    if (!report.ok) {
      if (!values.json) {
        const [first] = report.failures
        io.stderr.write(`daimm usage: entry ${first?.seq} does not verify (${first?.reason})\n`)
      }
      return ExitCode.failed
    }
    return ExitCode.ok
  },
})

async function entriesFromFile(file: string): Promise<UsageEntry[]> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new CliFailure(`Cannot read ${file} as JSON: ${(error as Error).message}`)
  }
  const body = json as { entries?: unknown[]; items?: unknown[] }
  const list = Array.isArray(json) ? json : (body?.entries ?? body?.items ?? [])
  return list.map(parseUsageEntry)
}

/** Every entry the signer may read, page by page, each checked against its hash as it arrives. */
async function entriesFromGateway(
  values: Parameters<typeof connectChain>[0],
  io: ChainIo,
  gatewayUrl: string,
  model: `0x${string}` | undefined,
  licensee: `0x${string}` | undefined,
): Promise<UsageEntry[]> {
  const { account, chainId } = await connectChain(values, io, { command: 'usage', signer: true })
  const entries: UsageEntry[] = []
  for (let after: bigint | undefined; ; ) {
    const page = await getUsage({
      gatewayUrl,
      signer: account,
      chainId,
      model,
      licensee,
      after,
    })
    entries.push(...page.entries)
    if (page.nextAfter === null) return entries
    after = page.nextAfter
  }
}
