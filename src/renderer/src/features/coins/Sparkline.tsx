/** An SVG coordinate to a tenth of a pixel (a drawing position, not a number shown to anyone). */
const tenths = (v: number) => String(Math.round(v * 10) / 10)

/** A small line of the last 30 closes; days without a close break the line. */
export function Sparkline({ values }: { values: readonly (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null)
  if (known.length < 2) return <span className="muted">—</span>
  const min = Math.min(...known)
  const max = Math.max(...known)
  const w = 90
  const h = 24
  const x = (i: number) => (i / Math.max(1, values.length - 1)) * w
  const y = (v: number) => (max === min ? h / 2 : h - ((v - min) / (max - min)) * h)
  const runs: string[] = []
  let run: string[] = []
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 1) runs.push(run.join(' '))
      run = []
    } else run.push(`${tenths(x(i))},${tenths(y(v))}`)
  })
  if (run.length > 1) runs.push(run.join(' '))
  const up = (known.at(-1) as number) >= (known[0] as number)
  return (
    <svg
      className={`sparkline ${up ? 'up' : 'down'}`}
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      aria-hidden="true"
    >
      {runs.map((points) => (
        <polyline key={points} points={points} fill="none" strokeWidth={1.5} />
      ))}
    </svg>
  )
}
