import { keepPreviousData } from '@tanstack/react-query'
import { lazy, Suspense, useMemo, useState } from 'react'
import type { HistoryPoint } from '@shared/contract/season'
import { useChannel } from '../../lib/query'
import { RadioGroup } from '../../components/RadioGroup'
import type { OverlayLine } from './IndexChart'
import type { RangePreset } from '@shared/season-format'
import { percentOf, usdWhole } from '@shared/format'

type OverlayChoice = 'none' | 'dominance' | 'btc-price'

// The charting library is most of the page's script: loading it apart lets the index value show
// before it has been fetched and parsed.
const IndexChart = lazy(() => import('./IndexChart').then((m) => ({ default: m.IndexChart })))

const percent = (v: number) => percentOf(v)

const presets: { id: RangePreset; label: string }[] = [
  { id: '3m', label: '3M' },
  { id: '1y', label: '1Y' },
  { id: 'all', label: 'All' }
]

/** The history chart with its range presets and the optional second line. */
export function ChartCard({
  points,
  selected,
  onPick,
  variantLabel
}: {
  points: HistoryPoint[]
  selected: string | null
  onPick: (date: string) => void
  variantLabel: string
}) {
  const [range, setRange] = useState<RangePreset>('1y')
  const [choice, setChoice] = useState<OverlayChoice>('none')
  const dominance = useChannel('season:get-dominance', undefined, {
    enabled: choice === 'dominance',
    placeholderData: keepPreviousData
  })
  const btc = useChannel(
    'market:get-series',
    { coinId: 'bitcoin' },
    { enabled: choice === 'btc-price', placeholderData: keepPreviousData }
  )

  const overlay = useMemo<OverlayLine | null>(() => {
    if (choice === 'dominance' && dominance.data) {
      return {
        label: 'BTC dominance (tracked coins)',
        format: percent,
        points: dominance.data.points.map((p) => ({ date: p.date, value: p.dominance }))
      }
    }
    if (choice === 'btc-price' && btc.data) {
      const priced = btc.data.points.filter(
        (p): p is { date: string; price: number; marketCap: number | null } => p.price !== null
      )
      return {
        label: 'BTC price',
        format: (v) => usdWhole(v),
        points: priced.map((p) => ({ date: p.date, value: p.price }))
      }
    }
    return null
  }, [choice, dominance.data, btc.data])

  const lastDominance = dominance.data?.points[dominance.data.points.length - 1]
  const global = dominance.data?.global

  return (
    <section className="card chart-card" aria-labelledby="chart-title">
      <div className="chart-head">
        <h2 id="chart-title">History · {variantLabel}</h2>
        <RadioGroup
          label="Range"
          testId="chart-range"
          options={presets.map((p) => ({ value: p.id, label: p.label }))}
          value={range}
          onChange={setRange}
        />
        <label className="overlay-pick">
          <span className="muted">Also show</span>
          <select
            data-testid="chart-overlay"
            value={choice}
            onChange={(e) => setChoice(e.target.value as OverlayChoice)}
          >
            <option value="none">Nothing</option>
            <option value="dominance">BTC dominance (tracked coins)</option>
            <option value="btc-price">BTC price (USD)</option>
          </select>
        </label>
      </div>
      <Suspense fallback={<div className="index-chart-wrap index-chart-loading" aria-busy="true" />}>
        <IndexChart points={points} overlay={overlay} selected={selected} range={range} onPick={onPick} />
      </Suspense>
      {choice === 'dominance' && lastDominance ? (
        <p className="muted chart-note" data-testid="dominance-note">
          Bitcoin&apos;s share of the tracked coins&apos; market cap:{' '}
          <strong>{percent(lastDominance.dominance)}</strong> as of {lastDominance.date}
          {global ? (
            <>
              {' '}
              · the provider&apos;s global figure: <strong>{percent(global.dominance)}</strong> as of {global.date}
            </>
          ) : null}
          .
        </p>
      ) : null}
      {(choice === 'dominance' && dominance.error) || (choice === 'btc-price' && btc.error) ? (
        <p className="muted chart-note">
          The second line could not be loaded: {(dominance.error ?? btc.error)?.message}
        </p>
      ) : null}
    </section>
  )
}
