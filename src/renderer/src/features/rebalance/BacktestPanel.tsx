import { ColorType, createChart, LineSeries, LineStyle } from 'lightweight-charts'
import type { IChartApi, ISeriesApi } from 'lightweight-charts'
import { useEffect, useRef, useState } from 'react'
import type { ChannelOutput } from '@shared/contract'
import { readIsoDate } from '@shared/field-input'
import { DateField } from '../../components/DateField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannelMutation } from '../../lib/query'
import { plural } from '@shared/format'
import { fraction, usd } from './format'

type Backtest = ChannelOutput<'rebalance:run-backtest'>
// Colour-blind-safe colours (styles.css --series-*) and a dash of their own, so the lines differ even in grey.
const strategyLine = {
  hold: { color: '--series-1', style: LineStyle.Solid, dash: 'solid' },
  periodic: { color: '--series-2', style: LineStyle.Dashed, dash: 'dashed' },
  regime: { color: '--series-3', style: LineStyle.Dotted, dash: 'dotted' }
} as const

export function BacktestPanel() {
  const run = useChannelMutation('rebalance:run-backtest')
  const [fee, setFee] = useState<number | ''>('')
  const [period, setPeriod] = useState(30)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [dateProblem, setDateProblem] = useState<string | null>(null)
  const result = run.data

  return (
    <section className="card" aria-labelledby="backtest-title">
      <div className="rebalance-head">
        <h2 id="backtest-title">Backtest on your cached history</h2>
        <label className="inline">
          From
          <DateField label="From" optional testId="backtest-from" value={from} onChange={setFrom} />
        </label>
        <label className="inline">
          To
          <DateField label="To" optional testId="backtest-to" value={to} onChange={setTo} />
        </label>
        <label className="inline">
          Fee % per trade
          <input
            type="number"
            min={0}
            max={10}
            step={0.1}
            placeholder="setting"
            value={fee}
            onChange={(e) => setFee(e.target.value === '' ? '' : Number(e.target.value))}
          />
        </label>
        <label className="inline">
          Rebalance every (days)
          <input type="number" min={1} max={3650} value={period} onChange={(e) => setPeriod(Number(e.target.value))} />
        </label>
        <button
          type="button"
          className="primary"
          data-testid="backtest-run"
          disabled={run.isPending}
          onClick={() => {
            // A date the calendar does not have is refused here in words, and nothing runs.
            const start = readIsoDate(from, 'From', { optional: true })
            const end = readIsoDate(to, 'To', { optional: true })
            const refused = [start, end].flatMap((r) => (r.ok ? [] : [r.message]))
            setDateProblem(refused.length > 0 ? refused.join(' ') : null)
            if (!start.ok || !end.ok) return
            run.mutate({
              periodDays: period,
              ...(fee === '' ? {} : { feeRatePercent: fee }),
              ...(start.value ? { from: start.value } : {}),
              ...(end.value ? { to: end.value } : {})
            })
          }}
        >
          {run.isPending ? 'Running…' : 'Run backtest'}
        </button>
      </div>
      {dateProblem ? (
        <p role="alert" className="error-notice" data-testid="backtest-date-error">
          {dateProblem}
        </p>
      ) : run.error ? (
        <ErrorNotice error={run.error} />
      ) : null}
      {/* No empty frame: the chart appears with a result, and not under an error. */}
      {result && !run.error && !dateProblem ? (
        <>
          <BacktestLegend result={result} />
          <BacktestChart result={result} />
          <BacktestTable result={result} />
        </>
      ) : (
        <p className="muted">
          Compares holding your Neutral targets, rebalancing them on a schedule, and following each regime&apos;s
          targets, starting from the same value.
        </p>
      )}
    </section>
  )
}

function BacktestLegend({ result }: { result: Backtest }) {
  return (
    <ul className="backtest-legend" data-testid="backtest-legend" aria-label="Strategies on the chart">
      {result.strategies.map((s) => (
        <li key={s.strategy} data-strategy={s.strategy}>
          <span
            className={`legend-line legend-${strategyLine[s.strategy].dash}`}
            style={{ borderColor: `var(${strategyLine[s.strategy].color})` }}
            aria-hidden="true"
          />
          {s.label}
        </li>
      ))}
    </ul>
  )
}

function BacktestChart({ result }: { result: Backtest }) {
  const container = useRef<HTMLDivElement>(null)
  const chartRef = useRef<IChartApi | null>(null)
  const seriesRef = useRef<ISeriesApi<'Line'>[]>([])

  useEffect(() => {
    const el = container.current
    if (!el) return
    const css = getComputedStyle(document.documentElement)
    const chart = createChart(el, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: css.getPropertyValue('--text').trim(),
        fontFamily: css.fontFamily,
        attributionLogo: false
      },
      grid: {
        vertLines: { color: css.getPropertyValue('--border').trim() },
        horzLines: { color: css.getPropertyValue('--border').trim() }
      }
    })
    chartRef.current = chart
    return () => {
      chartRef.current = null
      seriesRef.current = []
      chart.remove()
    }
  }, [])

  useEffect(() => {
    const chart = chartRef.current
    if (!chart) return
    for (const s of seriesRef.current) chart.removeSeries(s)
    seriesRef.current = []
    const css = getComputedStyle(document.documentElement)
    for (const s of result.strategies) {
      const series = chart.addSeries(LineSeries, {
        color: css.getPropertyValue(strategyLine[s.strategy].color).trim(),
        lineWidth: 2,
        lineStyle: strategyLine[s.strategy].style,
        title: '',
        priceFormat: { type: 'price', precision: 0, minMove: 1 }
      })
      series.setData(result.dates.map((date, i) => ({ time: date, value: s.values[i] as number })))
      seriesRef.current.push(series)
    }
    chart.timeScale().fitContent()
  }, [result])

  return (
    <div
      ref={container}
      className="backtest-chart"
      data-testid="backtest-chart"
      data-points={result.days}
      aria-label="Portfolio value over time for each strategy"
      role="img"
    />
  )
}

function BacktestTable({ result }: { result: Backtest }) {
  return (
    <>
      <table className="rebalance-table" data-testid="backtest-table">
        <caption className="muted">
          {result.from} to {result.to} ({plural(result.days, 'day')}), from {usd(result.initialValue)}, fee{' '}
          {result.feeRatePercent}% a trade; altcoins = {result.altBasket}. Values as of {result.to}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            <th scope="col">Final value</th>
            <th scope="col">CAGR</th>
            <th scope="col">Max drawdown</th>
            <th scope="col">Volatility</th>
            <th scope="col">Trades</th>
            <th scope="col">Fees</th>
          </tr>
        </thead>
        <tbody>
          {result.strategies.map((s) => (
            <tr key={s.strategy} data-strategy={s.strategy}>
              <th scope="row">{s.label}</th>
              <td>{usd(s.finalValue)}</td>
              <td>{fraction(s.cagr)}</td>
              <td>{fraction(s.maxDrawdown)}</td>
              <td>{fraction(s.volatility)}</td>
              <td>{s.trades}</td>
              <td>{usd(s.fees)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="muted backtest-notes" data-testid="backtest-notes">
        {result.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </>
  )
}
