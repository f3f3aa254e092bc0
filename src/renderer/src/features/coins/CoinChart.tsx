import { useEffect, useRef } from 'react'
import { ColorType, HistogramSeries, LineSeries, createChart, createSeriesMarkers } from 'lightweight-charts'
import type { IChartApi, ISeriesApi, ISeriesMarkersPluginApi, Time } from 'lightweight-charts'
import type { CoinDay, CoinHolding } from '@shared/contract/coins'

interface Props {
  days: readonly CoinDay[]
  holding: CoinHolding | null
  /** The shaded index window: its first and last day. */
  window: { from: string; to: string } | null
  onSelect(date: string): void
}

function palette() {
  const css = getComputedStyle(document.documentElement)
  const v = (name: string) => css.getPropertyValue(name).trim()
  return {
    surface: v('--surface'),
    muted: v('--muted'),
    border: v('--border'),
    accent: v('--accent'),
    good: v('--good'),
    bad: v('--bad')
  }
}

interface Handles {
  chart: IChartApi
  usd: ISeriesApi<'Line'>
  btc: ISeriesApi<'Line'>
  shade: ISeriesApi<'Histogram'>
  volume: ISeriesApi<'Histogram'>
  rank: ISeriesApi<'Line'>
  markers: ISeriesMarkersPluginApi<Time>
}

/**
 * The coin's price in USD (right scale) and in BTC (left scale) with the index window shaded and
 * the user's buys and sells marked; 24h volume in a pane below; its index rank (1 at the top) in a
 * third. Created once; fed new data as it arrives. A click picks the day the window ends on.
 */
export function CoinChart({ days, holding, window, onSelect }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const handles = useRef<Handles | null>(null)
  const select = useRef(onSelect)
  select.current = onSelect

  useEffect(() => {
    if (!host.current) return
    const p = palette()
    const chart = createChart(host.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: p.surface }, textColor: p.muted, attributionLogo: false },
      grid: { vertLines: { visible: false }, horzLines: { color: p.border } },
      leftPriceScale: { visible: true, borderColor: p.border },
      rightPriceScale: { borderColor: p.border },
      timeScale: { borderColor: p.border }
    })
    const shade = chart.addSeries(HistogramSeries, {
      priceScaleId: 'shade',
      color: `${p.accent}22`,
      lastValueVisible: false,
      priceLineVisible: false
    })
    chart.priceScale('shade').applyOptions({ visible: false, scaleMargins: { top: 0, bottom: 0 } })
    const usd = chart.addSeries(LineSeries, { color: p.accent, lineWidth: 2, title: 'USD', priceScaleId: 'right' })
    const btc = chart.addSeries(LineSeries, {
      color: p.muted,
      lineWidth: 1,
      title: 'BTC',
      priceScaleId: 'left',
      priceFormat: { type: 'price', precision: 8, minMove: 1e-8 }
    })
    const volume = chart.addSeries(
      HistogramSeries,
      { color: `${p.muted}88`, title: '24h volume', priceFormat: { type: 'volume' } },
      1
    )
    const rank = chart.addSeries(
      LineSeries,
      { color: p.good, lineWidth: 2, title: 'index rank', priceFormat: { type: 'price', precision: 0, minMove: 1 } },
      2
    )
    rank.priceScale().applyOptions({ invertScale: true })
    const markers = createSeriesMarkers(usd, [])
    chart.subscribeClick((param) => {
      if (typeof param.time === 'string') select.current(param.time)
    })
    handles.current = { chart, usd, btc, shade, volume, rank, markers }
    return () => {
      handles.current = null
      chart.remove()
    }
  }, [])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    const gap = (date: string) => ({ time: date })
    h.usd.setData(days.map((d) => (d.price === null ? gap(d.date) : { time: d.date, value: d.price })))
    h.btc.setData(days.map((d) => (d.priceBtc === null ? gap(d.date) : { time: d.date, value: d.priceBtc })))
    h.volume.setData(days.map((d) => (d.volume === null ? gap(d.date) : { time: d.date, value: d.volume })))
    h.rank.setData(days.map((d) => (d.rank === null ? gap(d.date) : { time: d.date, value: d.rank })))
    h.chart.timeScale().fitContent()
  }, [days])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    h.shade.setData(
      days.map((d) =>
        window && d.date >= window.from && d.date <= window.to ? { time: d.date, value: 1 } : { time: d.date }
      )
    )
  }, [days, window])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    const first = days[0]?.date ?? ''
    const last = days.at(-1)?.date ?? ''
    const inside = (date: string) => date >= first && date <= last
    const p = palette()
    const marks = [
      ...(holding?.buys ?? [])
        .filter((b) => inside(b.date))
        .map((b) => ({
          time: b.date,
          position: 'belowBar' as const,
          shape: 'arrowUp' as const,
          color: p.good,
          text: `buy ${b.quantity}`
        })),
      ...(holding?.sells ?? [])
        .filter((s) => inside(s.date))
        .map((s) => ({
          time: s.date,
          position: 'aboveBar' as const,
          shape: 'arrowDown' as const,
          color: p.bad,
          text: `sell ${s.quantity}`
        }))
    ].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
    h.markers.setMarkers(marks)
  }, [days, holding])

  return (
    <div
      ref={host}
      className="coin-chart"
      data-testid="coin-chart"
      aria-label="Price in USD and BTC, volume and index rank over time"
      role="img"
    />
  )
}
