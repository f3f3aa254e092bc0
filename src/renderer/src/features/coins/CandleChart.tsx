import { useEffect, useMemo, useRef } from 'react'
import { CandlestickSeries, ColorType, LineSeries, createChart } from 'lightweight-charts'
import type { IChartApi, ISeriesApi } from 'lightweight-charts'
import type { CoinDay } from '@shared/contract/coins'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel } from '../../lib/query'
import { candleView } from './candle-format'
import type { CandleView } from './candle-format'

interface Handles {
  chart: IChartApi
  candles: ISeriesApi<'Candlestick'>
  closes: ISeriesApi<'Line'>
  dots: ISeriesApi<'Line'>
}

function palette() {
  const css = getComputedStyle(document.documentElement)
  const v = (name: string) => css.getPropertyValue(name).trim()
  return { surface: v('--surface'), muted: v('--muted'), border: v('--border'), good: v('--good'), bad: v('--bad') }
}

/** The price in USD as daily candles where they are known, asked of the main process when shown. */
export function CandlePanel({ coinId, days }: { coinId: string; days: readonly CoinDay[] }) {
  const from = days[0]?.date
  const to = days.at(-1)?.date
  const answer = useChannel('coins:get-candles', from && to ? { coinId, from, to } : undefined, {
    enabled: from !== undefined && to !== undefined
  })
  const view = useMemo(() => (answer.data ? candleView(days, answer.data) : null), [answer.data, days])
  if (from === undefined) return <p className="muted">No stored prices in this range.</p>
  if (answer.isPending) return <p className="muted">Loading candles…</p>
  if (answer.isError) return <ErrorNotice error={answer.error} />
  return (
    <div data-testid="coin-candles" data-candles={view?.candles.length ?? 0}>
      {answer.data.problem && (
        <p className="candle-problem" role="status" data-testid="candle-problem">
          {answer.data.problem}
        </p>
      )}
      {view && <CandleChart view={view} />}
      <ul className="candle-notes muted" data-testid="candle-notes">
        {view?.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  )
}

/** Created once; candles and the close line are set whenever the view changes. */
function CandleChart({ view }: { view: CandleView }) {
  const host = useRef<HTMLDivElement>(null)
  const handles = useRef<Handles | null>(null)

  useEffect(() => {
    if (!host.current) return
    const p = palette()
    const chart = createChart(host.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: p.surface }, textColor: p.muted, attributionLogo: false },
      grid: { vertLines: { visible: false }, horzLines: { color: p.border } },
      rightPriceScale: { borderColor: p.border },
      timeScale: { borderColor: p.border }
    })
    const closes = chart.addSeries(LineSeries, {
      color: p.muted,
      lineWidth: 2,
      title: 'close (USD)',
      lastValueVisible: false,
      priceLineVisible: false
    })
    // A line joins its points across any gap, so the closes among the candles are dots only.
    const dots = chart.addSeries(LineSeries, {
      color: p.muted,
      lineVisible: false,
      pointMarkersVisible: true,
      pointMarkersRadius: 3,
      lastValueVisible: false,
      priceLineVisible: false,
      title: 'close only'
    })
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: p.good,
      downColor: p.bad,
      wickUpColor: p.good,
      wickDownColor: p.bad,
      borderVisible: false,
      title: 'USD'
    })
    handles.current = { chart, candles, closes, dots }
    return () => {
      handles.current = null
      chart.remove()
    }
  }, [])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    h.candles.setData(
      view.candles.map((c) => ({ time: c.date, open: c.open, high: c.high, low: c.low, close: c.close }))
    )
    h.closes.setData(view.line)
    h.dots.setData(view.dots)
    h.chart.timeScale().fitContent()
  }, [view])

  return (
    <div
      ref={host}
      className="coin-chart candle-chart"
      data-testid="candle-chart"
      aria-label="Daily candles in USD where known, daily closes as a line elsewhere"
      role="img"
    />
  )
}
