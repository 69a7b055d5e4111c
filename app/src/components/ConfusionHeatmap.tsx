/** The confusion matrix as a heatmap table: rows are true classes, columns predictions. */
export function ConfusionHeatmap({ confusion }: { confusion: number[][] }) {
  const max = Math.max(1, ...confusion.flat())
  return (
    <table className="heatmap">
      <caption>Confusion matrix (rows: true class, columns: predicted class)</caption>
      <thead>
        <tr>
          <th scope="col">True \ predicted</th>
          {confusion.map((_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: classes are indices
            <th key={j} scope="col">
              {j}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: classes are indices
          <tr key={i}>
            <th scope="row">{i}</th>
            {row.map((count, j) => {
              const t = count / max
              // Dark text on light cells, white on dark ones: contrast holds at every shade.
              return (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: classes are indices
                  key={j}
                  style={{
                    background: `hsl(215 70% ${Math.round(97 - t * 62)}%)`,
                    color: t > 0.45 ? '#fff' : '#111',
                  }}
                >
                  {count}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
