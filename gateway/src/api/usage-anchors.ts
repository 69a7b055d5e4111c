/**
 * /v1/usage/anchors and /v1/usage/proofs: public, what a licensee needs to check its usage entries
 * against the chain. Anchors list the roots the gateway anchored (the chain holds the same); proofs
 * give, per log position, the anchor that covers it and the sibling hashes: hashes only, never an
 * entry's contents.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { usageEntryHash, usageMerkleProof } from '../sdk.js'
import { entryOfRow, type UsageRow } from '../usage/entries.js'
import type { ApiContext } from './context.js'
import { IdParam, idKey } from './format.js'
import { problem, problemResponse } from './problem.js'

const MAX_PROOFS = 100

const AnchorSchema = z
  .object({
    modelId: z.string(),
    index: z.number().int(),
    fromSeq: z.string(),
    toSeq: z.string(),
    count: z.number().int(),
    root: z.string(),
    txHash: z.string().nullable(),
    /** Seconds since the epoch. */
    anchoredAt: z.number().int().nullable(),
  })
  .openapi('UsageAnchor')

const ProofSchema = z
  .object({
    seq: z.string(),
    modelId: z.string(),
    anchorIndex: z.number().int(),
    root: z.string(),
    proof: z.array(z.string()),
  })
  .openapi('UsageProof')

const anchorsRoute = createRoute({
  method: 'get',
  path: '/v1/usage/anchors',
  summary: "A model's anchored usage roots, oldest first",
  request: { query: z.object({ model: IdParam }) },
  responses: {
    200: {
      description: 'The anchors (UsageAnchors on-chain holds the same roots)',
      content: { 'application/json': { schema: z.object({ items: z.array(AnchorSchema) }) } },
    },
    400: problemResponse('Invalid model id'),
  },
})

const proofsRoute = createRoute({
  method: 'get',
  path: '/v1/usage/proofs',
  summary: 'Inclusion proofs of usage entries under their anchored roots (hashes only)',
  request: {
    query: z.object({
      seq: z
        .string()
        .regex(/^[0-9]{1,19}(,[0-9]{1,19})*$/, 'log positions, comma-separated')
        .openapi({ example: '1,2,5' }),
    }),
  },
  responses: {
    200: {
      description: 'A proof per anchored position; positions not anchored yet are listed apart',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ProofSchema), unanchored: z.array(z.string()) }),
        },
      },
    },
    400: problemResponse('Invalid or too many positions'),
  },
})

type AnchorRow = {
  model_id: string
  from_seq: string | number
  to_seq: string | number
  entry_count: number
  root: string
  anchor_index: number
  tx_hash: string | null
  anchored_at: Date | string | null
}

export function usageAnchorRoutes(app: OpenAPIHono, context: ApiContext) {
  app.openapi(anchorsRoute, async (c) => {
    const { model } = c.req.valid('query')
    const rows = await context.db.query<AnchorRow>(
      `SELECT * FROM usage_anchors WHERE model_id = $1 AND status = 'anchored' ORDER BY from_seq`,
      [idKey(model)],
    )
    return c.json(
      {
        items: rows.map((row) => ({
          modelId: row.model_id,
          index: row.anchor_index,
          fromSeq: String(row.from_seq),
          toSeq: String(row.to_seq),
          count: row.entry_count,
          root: row.root,
          txHash: row.tx_hash,
          anchoredAt: row.anchored_at
            ? Math.floor(new Date(row.anchored_at).getTime() / 1000)
            : null,
        })),
      },
      200,
    )
  })

  app.openapi(proofsRoute, async (c) => {
    const seqs = [...new Set(c.req.valid('query').seq.split(','))]
    if (seqs.length > MAX_PROOFS)
      return problem(c, 400, `seq: at most ${MAX_PROOFS} positions per request.`)
    const items: z.infer<typeof ProofSchema>[] = []
    const unanchored: string[] = []
    // One tree per anchor, built once however many of its entries are asked for.
    const trees = new Map<string, { hashes: `0x${string}`[]; seqs: string[] }>()
    for (const seq of seqs) {
      const [entry] = await context.db.query<{ model_id: string }>(
        'SELECT model_id FROM usage_log WHERE seq = $1',
        [seq],
      )
      const [anchor] = entry
        ? await context.db.query<AnchorRow>(
            `SELECT * FROM usage_anchors WHERE model_id = $1 AND status = 'anchored'
             AND from_seq <= $2 AND to_seq >= $2`,
            [entry.model_id, seq],
          )
        : []
      if (!entry || !anchor) {
        unanchored.push(seq)
        continue
      }
      const key = `${anchor.model_id}/${anchor.anchor_index}`
      let tree = trees.get(key)
      if (!tree) {
        const rows = await context.db.query<UsageRow>(
          'SELECT * FROM usage_log WHERE model_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq',
          [anchor.model_id, String(anchor.from_seq), String(anchor.to_seq)],
        )
        tree = {
          hashes: rows.map((row) => usageEntryHash(entryOfRow(row))),
          seqs: rows.map((row) => String(row.seq)),
        }
        trees.set(key, tree)
      }
      items.push({
        seq,
        modelId: anchor.model_id,
        anchorIndex: anchor.anchor_index,
        root: anchor.root,
        proof: usageMerkleProof(tree.hashes, tree.seqs.indexOf(seq)),
      })
    }
    return c.json({ items, unanchored }, 200)
  })
}
