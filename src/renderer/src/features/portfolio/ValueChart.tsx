import { useEffect, useRef } from 'react'
import { AreaSeries, ColorType, LineSeries, LineStyle, createChart } from 'lightweight-charts'
import type { IChartApi, ISeriesApi } from 'lightweight-charts'
import { usdWhole } from '@shared/format'

interface Props {
  /** value: the whole portfolio, null when a holding has no price that day; known: what has one. */
  points: { date: string; value: number | null; known: number; unpriced: number }[]
}

function palette() {
  const css = getComputedStyle(document.documentElement)
  const v = (name: string) => css.getPropertyValue(name).trim()
  return { surface: v('--surface'), muted: v('--muted'), border: v('--border'), accent: v('--accent') }
}

/**
 * The portfolio's daily USD value; the chart is created once and fed new data as it arrives. A day
 * on which some holding has no price is a gap in the value, never a dip: the value of what does
 * have a price is drawn there as a dashed line, marked as partial.
 */
export function ValueChart({ points }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const handles = useRef<{ chart: IChartApi; series: ISeriesApi<'Area'>; partial: ISeriesApi<'Line'> } | null>(null)

  useEffect(() => {
    if (!host.current) return
    const p = palette()
    const chart = createChart(host.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: p.surface }, textColor: p.muted, attributionLogo: false },
      grid: { vertLines: { visible: false }, horzLines: { color: p.border } },
      rightPriceScale: { borderColor: p.border },
      timeScale: { borderColor: p.border },
      localization: { priceFormatter: (value: number) => usdWhole(value) }
    })
    const series = chart.addSeries(AreaSeries, {
      lineColor: p.accent,
      topColor: `${p.accent}55`,
      bottomColor: `${p.accent}05`,
      lineWidth: 2,
      priceFormat: { type: 'price', precision: 0, minMove: 1 }
    })
    const partial = chart.addSeries(LineSeries, {
      color: p.muted,
      lineWidth: 2,
      lineStyle: LineStyle.Dashed,
      title: 'priced holdings only',
      lastValueVisible: false,
      priceLineVisible: false
    })
    handles.current = { chart, series, partial }
    // The theme can change while the page is open: recolour from the CSS variables.
    const observer = new MutationObserver(() => {
      const q = palette()
      chart.applyOptions({
        layout: { background: { type: ColorType.Solid, color: q.surface }, textColor: q.muted },
        grid: { horzLines: { color: q.border } }
      })
      series.applyOptions({ lineColor: q.accent, topColor: `${q.accent}55`, bottomColor: `${q.accent}05` })
    })
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => {
      observer.disconnect()
      handles.current = null
      chart.remove()
    }
  }, [])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    // Whitespace points (a time without a value) leave gaps instead of joining across them.
    h.series.setData(points.map((pt) => (pt.value === null ? { time: pt.date } : { time: pt.date, value: pt.value })))
    h.partial.setData(
      points.map((pt, i) => {
        const near = (j: number) => points[j] !== undefined && points[j]!.value === null
        // A partial stretch is drawn from the complete day before it to the complete day after it.
        return pt.value === null || near(i - 1) || near(i + 1) ? { time: pt.date, value: pt.known } : { time: pt.date }
      })
    )
    h.chart.timeScale().fitContent()
  }, [points])

  return (
    <div
      ref={host}
      className="value-chart"
      data-testid="value-chart"
      aria-label="Portfolio value over time"
      role="img"
    />
  )
}
