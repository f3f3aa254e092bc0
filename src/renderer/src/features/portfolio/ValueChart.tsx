import { useEffect, useRef } from 'react'
import { AreaSeries, ColorType, createChart } from 'lightweight-charts'
import type { IChartApi, ISeriesApi } from 'lightweight-charts'

interface Props {
  points: { date: string; value: number }[]
}

function palette() {
  const css = getComputedStyle(document.documentElement)
  const v = (name: string) => css.getPropertyValue(name).trim()
  return { surface: v('--surface'), muted: v('--muted'), border: v('--border'), accent: v('--accent') }
}

/** The portfolio's daily USD value; the chart is created once and fed new data as it arrives. */
export function ValueChart({ points }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const handles = useRef<{ chart: IChartApi; series: ISeriesApi<'Area'> } | null>(null)

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
    const series = chart.addSeries(AreaSeries, {
      lineColor: p.accent,
      topColor: `${p.accent}55`,
      bottomColor: `${p.accent}05`,
      lineWidth: 2,
      priceFormat: { type: 'price', precision: 0, minMove: 1 }
    })
    handles.current = { chart, series }
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
    h.series.setData(points.map((pt) => ({ time: pt.date, value: pt.value })))
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
