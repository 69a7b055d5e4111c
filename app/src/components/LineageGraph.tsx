import { type ModelDetail, useModel } from '@daimm/react'
import { short } from '../format'
import { navigate } from '../router'

type Node = { id: string; row: number; col: number; relation: string | null; self?: boolean }
type Edge = { from: string; to: string; relation: string }

const W = 168
const H = 44
const GAP_X = 24
const GAP_Y = 40

/** The model's ancestors above it and its descendants below, drawn as a graph; each node opens its model. */
export function LineageGraph({ model }: { model: ModelDetail }) {
  const { ancestors, descendants } = model.lineage
  const nodes: Node[] = []
  const edges: Edge[] = []
  const maxUp = ancestors.length
  // Ancestors form a chain: parent first (depth 1).
  for (const a of ancestors) nodes.push({ id: a.id, row: maxUp - a.depth, col: 0, relation: null })
  nodes.push({
    id: model.id,
    row: maxUp,
    col: 0,
    relation: model.parent ? model.relation : null,
    self: true,
  })
  let below = model.id
  for (const a of ancestors) {
    const child = below
    const relation =
      child === model.id ? model.relation : (ancestors.find((x) => x.id === child)?.relation ?? '')
    edges.push({ from: a.id, to: child, relation })
    below = a.id
  }
  const perRow = new Map<number, number>()
  for (const d of descendants) {
    const row = maxUp + d.depth
    const col = perRow.get(row) ?? 0
    perRow.set(row, col + 1)
    nodes.push({ id: d.id, row, col, relation: d.relation })
    edges.push({ from: d.parent, to: d.id, relation: d.relation })
  }
  const widest = Math.max(1, ...perRow.values())
  const width = widest * (W + GAP_X) + GAP_X
  const rows = Math.max(...nodes.map((n) => n.row)) + 1
  const height = rows * (H + GAP_Y) + GAP_Y / 2
  const rowCount = (row: number) => (row > maxUp ? (perRow.get(row) ?? 1) : 1)
  const position = (n: Node) => {
    const count = rowCount(n.row)
    const rowWidth = count * (W + GAP_X) - GAP_X
    return { x: (width - rowWidth) / 2 + n.col * (W + GAP_X), y: GAP_Y / 2 + n.row * (H + GAP_Y) }
  }
  const at = new Map(nodes.map((n) => [n.id, position(n)]))
  if (ancestors.length === 0 && descendants.length === 0)
    return (
      <section aria-labelledby="lineage-title">
        <h2 id="lineage-title">Lineage</h2>
        <p>An original model: no parent, and nothing derived from it yet.</p>
      </section>
    )
  return (
    <section aria-labelledby="lineage-title">
      <h2 id="lineage-title">Lineage</h2>
      <p>
        {ancestors.length} ancestor{ancestors.length === 1 ? '' : 's'} above, {descendants.length}{' '}
        descendant{descendants.length === 1 ? '' : 's'} below. Select a model to open it.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable) */}
      <section className="lineage" aria-label="Lineage graph, scrollable" tabIndex={0}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          aria-label={`Lineage of ${model.card.name ?? 'this model'}`}
        >
          {edges.map((e) => {
            const a = at.get(e.from)
            const b = at.get(e.to)
            if (!a || !b) return null
            const x1 = a.x + W / 2
            const y1 = a.y + H
            const x2 = b.x + W / 2
            const y2 = b.y
            return (
              <g key={`${e.from}-${e.to}`}>
                <path
                  d={`M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2}`}
                  className="edge"
                />
                <text x={(x1 + x2) / 2 + 6} y={(y1 + y2) / 2 + 4} className="edge-label">
                  {e.relation}
                </text>
              </g>
            )
          })}
          {nodes.map((n) => (
            <LineageNode key={n.id} node={n} x={at.get(n.id)?.x ?? 0} y={at.get(n.id)?.y ?? 0} />
          ))}
        </svg>
      </section>
    </section>
  )
}

function LineageNode({ node, x, y }: { node: Node; x: number; y: number }) {
  const { data } = useModel(node.self ? undefined : node.id)
  const name = node.self ? 'this model' : (data?.card.name ?? short(node.id))
  const label = name.length > 22 ? `${name.slice(0, 21)}…` : name
  const box = (
    <>
      <rect x={x} y={y} width={W} height={H} rx={8} className={node.self ? 'node self' : 'node'} />
      <text x={x + W / 2} y={y + H / 2 + 5} textAnchor="middle" className="node-label">
        {label}
      </text>
    </>
  )
  if (node.self) return <g aria-current="page">{box}</g>
  const href = `/models/${node.id}`
  return (
    <a
      href={href}
      aria-label={`Open ${name}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return
        e.preventDefault()
        navigate(href)
      }}
    >
      {box}
    </a>
  )
}
