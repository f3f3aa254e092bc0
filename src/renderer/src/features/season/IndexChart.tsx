import { plural } from '@shared/format'
import { useEffect, useRef, useState } from 'react'
import {
  BaselineSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  isBusinessDay,
  LineSeries,
  LineStyle
} from 'lightweight-charts'
import type { IChartApi, ISeriesApi, ISeriesMarkersPluginApi, MouseEventParams, Time } from 'lightweight-charts'
import type { HistoryPoint } from '@shared/contract/season'
import { displayValue, rangeStart } from '@shared/season-format'
import type { RangePreset } from '@shared/season-format'

export interface OverlayLine {
  label: string
  /** Axis and legend formatting ("54.2%", "$97,000"). */
  format: (value: number) => string
  points: { date: string; value: number }[]
}

interface Props {
  points: HistoryPoint[]
  overlay: OverlayLine | null
  /** The day under review (marked on the line). */
  selected: string | null
  range: RangePreset
  onPick: (date: string) => void
}

interface Palette {
  text: string
  muted: string
  border: string
  surface: string
  line: string
  alt: string
  btc: string
  overlay: string
}

function readPalette(): Palette {
  const css = getComputedStyle(document.documentElement)
  const v = (name: string) => css.getPropertyValue(name).trim()
  return {
    text: v('--text'),
    muted: v('--muted'),
    border: v('--border'),
    surface: v('--surface'),
    line: v('--accent'),
    alt: v('--alt'),
    btc: v('--btc'),
    overlay: v('--neutral')
  }
}

/** #rrggbb with an alpha, for the zone fills (canvas colours cannot use CSS variables). */
function tint(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) return hex
  const n = parseInt(m[1]!, 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

function isoOfTime(time: Time): string {
  if (typeof time === 'string') return time
  if (isBusinessDay(time))
    return `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`
  return new Date(time * 1000).toISOString().slice(0, 10)
}

// The index lives on 0..100 whatever the visible data: the zones and thresholds stay put.
const fullScale = () => ({ priceRange: { minValue: 0, maxValue: 100 } })

interface Handles {
  chart: IChartApi
  index: ISeriesApi<'Line'>
  altZone: ISeriesApi<'Baseline'>
  btcZone: ISeriesApi<'Baseline'>
  overlay: ISeriesApi<'Line'>
  markers: ISeriesMarkersPluginApi<Time>
}

function applyPalette(h: Handles, p: Palette): void {
  h.chart.applyOptions({
    layout: { background: { type: ColorType.Solid, color: p.surface }, textColor: p.muted },
    grid: { vertLines: { color: tint(p.border, 0.5) }, horzLines: { color: tint(p.border, 0.5) } },
    rightPriceScale: { borderColor: p.border },
    leftPriceScale: { borderColor: p.border },
    timeScale: { borderColor: p.border }
  })
  h.index.applyOptions({ color: p.line })
  h.altZone.applyOptions({ topFillColor1: tint(p.alt, 0.16), topFillColor2: tint(p.alt, 0.16) })
  h.btcZone.applyOptions({ bottomFillColor1: tint(p.btc, 0.16), bottomFillColor2: tint(p.btc, 0.16) })
  h.overlay.applyOptions({ color: p.overlay })
}

/**
 * The index history: the line on a fixed 0–100 scale, the two season zones shaded, the 25 and 75
 * thresholds, an optional second line on the left scale, and a marker on the reviewed day.
 */
/** The day an arrow key (or Home/End) moves the selection to, from the selected day or the latest. */
function stepDay(points: readonly { date: string }[], selected: string | null, key: string): string | null {
  if (points.length === 0) return null
  const last = points.length - 1
  const at = selected === null ? last : points.findIndex((p) => p.date === selected)
  const from = at < 0 ? last : at
  const to =
    key === 'ArrowLeft'
      ? Math.max(0, from - 1)
      : key === 'ArrowRight'
        ? Math.min(last, from + 1)
        : key === 'Home'
          ? 0
          : key === 'End'
            ? last
            : null
  return to === null ? null : points[to]!.date
}

export function IndexChart({ points, overlay, selected, range, onPick }: Props) {
  const container = useRef<HTMLDivElement>(null)
  const handles = useRef<Handles | null>(null)
  const pick = useRef(onPick)
  const [legend, setLegend] = useState<{ date: string; index: number | null; overlay: number | null } | null>(null)
  // The day the crosshair stands on (pointer or selection); '' when none. Read by the e2e tests.
  const [crosshair, setCrosshair] = useState('')
  // The selected day's point, for putting the crosshair back on it when the pointer leaves.
  const selectedPoint = useRef<HistoryPoint | null>(null)

  useEffect(() => {
    pick.current = onPick
  })

  // Create the chart once; everything else updates it in place.
  useEffect(() => {
    const el = container.current
    if (!el) return
    const chart = createChart(el, {
      autoSize: true,
      layout: { fontFamily: getComputedStyle(document.documentElement).fontFamily, attributionLogo: false },
      rightPriceScale: { scaleMargins: { top: 0.05, bottom: 0.05 } },
      leftPriceScale: { visible: false, scaleMargins: { top: 0.05, bottom: 0.05 } },
      timeScale: { minBarSpacing: 0.05 },
      handleScale: { axisPressedMouseMove: false }
    })
    // The axis reads in whole index points, like the displayed value (rounded half up).
    const wholePoints = { type: 'custom', formatter: (v: number) => String(displayValue(v)), minMove: 0.01 } as const
    const zone = {
      lineWidth: 1,
      lineVisible: false,
      lastValueVisible: false,
      priceLineVisible: false,
      crosshairMarkerVisible: false,
      autoscaleInfoProvider: fullScale,
      priceFormat: wholePoints
    } as const
    const altZone = chart.addSeries(BaselineSeries, {
      ...zone,
      baseValue: { type: 'price', price: 75 },
      topLineColor: 'transparent',
      bottomLineColor: 'transparent',
      bottomFillColor1: 'transparent',
      bottomFillColor2: 'transparent'
    })
    const btcZone = chart.addSeries(BaselineSeries, {
      ...zone,
      baseValue: { type: 'price', price: 25 },
      topLineColor: 'transparent',
      bottomLineColor: 'transparent',
      topFillColor1: 'transparent',
      topFillColor2: 'transparent'
    })
    const index = chart.addSeries(LineSeries, {
      lineWidth: 2,
      priceFormat: wholePoints,
      autoscaleInfoProvider: fullScale,
      title: 'Index'
    })
    const palette = readPalette()
    index.createPriceLine({
      price: 75,
      color: palette.alt,
      lineStyle: LineStyle.Dashed,
      lineWidth: 1,
      axisLabelVisible: true,
      title: 'Altcoin Season'
    })
    index.createPriceLine({
      price: 25,
      color: palette.btc,
      lineStyle: LineStyle.Dashed,
      lineWidth: 1,
      axisLabelVisible: true,
      title: 'Bitcoin Season'
    })
    const overlaySeries = chart.addSeries(LineSeries, {
      priceScaleId: 'left',
      lineWidth: 1,
      lastValueVisible: false,
      priceLineVisible: false,
      visible: false
    })
    const markers = createSeriesMarkers(index, [])
    const h: Handles = { chart, index, altZone, btcZone, overlay: overlaySeries, markers }
    handles.current = h
    applyPalette(h, palette)

    const onClick = (param: MouseEventParams<Time>) => {
      if (param.time !== undefined) pick.current(isoOfTime(param.time))
    }
    const onMove = (param: MouseEventParams<Time>) => {
      // Without a pointer event the chart moved the crosshair by itself: it keeps the crosshair's x
      // and re-reads the day under it whenever its time scale changes (a resize, a new range, new
      // data), which can land on another day. The crosshair belongs on the selected day then.
      if (param.sourceEvent === undefined) {
        const at = selectedPoint.current
        if (at) chart.setCrosshairPosition(at.value, at.date, index)
        else chart.clearCrosshairPosition()
        setCrosshair(at?.date ?? '')
        setLegend(null)
        return
      }
      if (param.time === undefined) {
        setLegend(null)
        // At rest the crosshair marks the selected day, as the card and the breakdown do.
        const at = selectedPoint.current
        if (at) chart.setCrosshairPosition(at.value, at.date, index)
        setCrosshair(at?.date ?? '')
        return
      }
      setCrosshair(isoOfTime(param.time))
      const i = param.seriesData.get(index) as { value?: number } | undefined
      const o = param.seriesData.get(overlaySeries) as { value?: number } | undefined
      setLegend({ date: isoOfTime(param.time), index: i?.value ?? null, overlay: o?.value ?? null })
    }
    chart.subscribeClick(onClick)
    chart.subscribeCrosshairMove(onMove)

    // The theme can change under the chart (toggle or OS): re-read the palette when it does.
    const observer = new MutationObserver(() => applyPalette(h, readPalette()))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => {
      observer.disconnect()
      chart.unsubscribeClick(onClick)
      chart.unsubscribeCrosshairMove(onMove)
      handles.current = null
      chart.remove()
    }
  }, [])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    const started = performance.now()
    h.index.setData(points.map((p) => ({ time: p.date, value: p.value })))
    h.altZone.setData(points.map((p) => ({ time: p.date, value: 100 })))
    h.btcZone.setData(points.map((p) => ({ time: p.date, value: 0 })))
    // The chart draws on its next animation frame, which was queued before this one: measuring
    // here covers the data change and the repaint (read by the UI benchmark).
    requestAnimationFrame(() => {
      performance.measure('index-chart-redraw', {
        start: started,
        end: performance.now(),
        detail: { points: points.length }
      })
    })
  }, [points])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    h.overlay.setData(overlay ? overlay.points.map((p) => ({ time: p.date, value: p.value })) : [])
    h.overlay.applyOptions({
      visible: overlay !== null,
      title: overlay?.label ?? '',
      priceFormat: overlay ? { type: 'custom', formatter: overlay.format } : undefined
    })
    h.chart.applyOptions({ leftPriceScale: { visible: overlay !== null } })
  }, [overlay])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    const last = points[points.length - 1]?.date
    if (!last) return
    const from = rangeStart(last, range)
    const first = points[0]!.date
    if (from === null || from <= first) h.chart.timeScale().fitContent()
    else h.chart.timeScale().setVisibleRange({ from, to: last })
  }, [points, range])

  // One selected day for the card, the breakdown and the chart: a day picked anywhere (typed in
  // the breakdown, too) moves the crosshair and the legend to it; a day the chart does not show
  // (out of range) clears the crosshair rather than leave it on the previous one.
  useEffect(() => {
    const h = handles.current
    const point = selected === null ? null : (points.find((p) => p.date === selected) ?? null)
    selectedPoint.current = point
    setLegend(null)
    if (!h) return
    if (point) h.chart.setCrosshairPosition(point.value, point.date, h.index)
    else h.chart.clearCrosshairPosition()
    setCrosshair(point?.date ?? '')
  }, [selected, points])

  useEffect(() => {
    const h = handles.current
    if (!h) return
    const has = selected !== null && points.some((p) => p.date === selected)
    h.markers.setMarkers(
      has ? [{ time: selected, position: 'inBar', shape: 'circle', color: readPalette().text, size: 1 }] : []
    )
    // Set again when the second line changes: it can add earlier days to the time scale, and the
    // marker keeps its old position on the scale until it is set anew.
  }, [selected, points, overlay])

  const shown =
    legend ??
    (selected ? { date: selected, index: points.find((p) => p.date === selected)?.value ?? null, overlay: null } : null)
  return (
    <div className="index-chart-wrap">
      <div className="chart-legend" aria-live="off" data-testid="chart-legend">
        {shown ? (
          <>
            <span>{shown.date}</span>
            <span>Index {shown.index === null ? '—' : displayValue(shown.index)}</span>
            {overlay && shown.overlay !== null ? (
              <span>
                {overlay.label} {overlay.format(shown.overlay)}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">Point at the line to read a day; click to review it.</span>
        )}
      </div>
      <div
        ref={container}
        className="index-chart"
        data-testid="index-chart"
        data-points={points.length}
        data-crosshair={crosshair}
        role="img"
        tabIndex={0}
        aria-label={`Index history from ${points[0]?.date ?? '—'} to ${points[points.length - 1]?.date ?? '—'}, ${plural(points.length, 'day')}. Left and right arrows step through the days.`}
        onKeyDown={(event) => {
          const day = stepDay(points, selected, event.key)
          if (day === null) return
          event.preventDefault()
          onPick(day)
        }}
      />
    </div>
  )
}
