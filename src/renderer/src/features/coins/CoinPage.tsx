import { useMemo, useState } from 'react'
import { useChannel } from '../../lib/query'
import { routeHref } from '../../lib/routes'
import { ErrorNotice } from '../../components/ErrorNotice'
import { CandlePanel } from './CandleChart'
import { CoinChart } from './CoinChart'
import { WatchButton } from './WatchButton'
import {
  coinRangeLabels,
  coinRanges,
  daysInRange,
  membershipSentence,
  statusCounts,
  statusWords,
  transitions,
  windowStart,
  windowWords
} from './coin-format'
import type { CoinRange } from './coin-format'
import './coins.css'
import { compactUsd, significantNumber, unitPrice, usd } from '@shared/format'

const price = (value: number | null) => (value === null ? '—' : unitPrice(value))

/** One coin: its price in USD and BTC, its index history and the user's trades in it, from stored data. */
export function CoinPage({ coinId }: { coinId: string }) {
  const page = useChannel('coins:get-page', { coinId })
  const [range, setRange] = useState<CoinRange>('1y')
  // Candles are asked of the provider only when the reader chooses them.
  const [candles, setCandles] = useState(false)
  const [picked, setPicked] = useState<string | null>(null)
  const days = useMemo(() => (page.data ? daysInRange(page.data, range) : []), [page.data, range])
  if (page.isPending) return <p className="muted">Loading…</p>
  if (page.isError) return <ErrorNotice error={page.error} />
  const data = page.data
  const selected = days.find((d) => d.date === picked) ?? days.at(-1) ?? null
  const shaded = selected ? { from: windowStart(selected.date, data.window), to: selected.date } : null
  const counts = statusCounts(days)
  const moves = transitions(days).slice(0, 8)
  const h = data.holding

  return (
    <section className="coin-page" data-testid="coin-page" data-coin={data.coin.id}>
      <p>
        <a
          href={routeHref('coins')}
          data-testid="coin-back"
          onClick={(e) => {
            // Back where the user came from (the breakdown, holdings or the search) when there is such a place.
            if (window.history.length > 1) {
              e.preventDefault()
              window.history.back()
            }
          }}
        >
          ← Back
        </a>
      </p>
      <header className="coin-head">
        <h1>
          {data.coin.name} <span className="muted">{data.coin.symbol.toUpperCase()}</span>
        </h1>
        <WatchButton coinId={data.coin.id} />
      </header>
      <p className="muted" data-testid="coin-as-of">
        As of {data.asOf ?? 'no stored price'} (the last stored day) · index: top {data.top}, {data.window}-day window.
      </p>
      <dl className="coin-facts">
        <div>
          <dt>Price</dt>
          <dd data-testid="coin-price">{price(data.days.at(-1)?.price ?? null)}</dd>
        </div>
        <div>
          <dt>In BTC</dt>
          <dd>{significantNumber(data.days.at(-1)?.priceBtc ?? null)}</dd>
        </div>
        <div>
          <dt>Market cap</dt>
          <dd>{data.days.at(-1)?.marketCap ? compactUsd(data.days.at(-1)!.marketCap!) : '—'}</dd>
        </div>
        <div>
          <dt>24h volume</dt>
          <dd>{data.days.at(-1)?.volume ? compactUsd(data.days.at(-1)!.volume!) : '—'}</dd>
        </div>
      </dl>
      <div className="coin-ranges" role="group" aria-label="Range">
        {coinRanges.map((r) => (
          <button key={r} type="button" aria-pressed={range === r} onClick={() => setRange(r)}>
            {coinRangeLabels[r]}
          </button>
        ))}
        <span className="muted" aria-hidden="true">
          ·
        </span>
        <button type="button" aria-pressed={!candles} data-testid="chart-line" onClick={() => setCandles(false)}>
          Closes and index
        </button>
        <button type="button" aria-pressed={candles} data-testid="chart-candles" onClick={() => setCandles(true)}>
          Daily candles
        </button>
      </div>
      {candles ? (
        <CandlePanel coinId={data.coin.id} days={days} />
      ) : (
        <CoinChart days={days} holding={h} window={shaded} onSelect={setPicked} />
      )}
      {selected && (
        <div className="coin-selected" data-testid="coin-selected">
          <h2>On {selected.date}</h2>
          <p data-testid="coin-membership">{membershipSentence(selected, data.top)}</p>
          <p data-testid="coin-window">{windowWords(selected, data.window)}</p>
          <p className="muted">Click the chart to pick another day; the shaded span is its index window.</p>
        </div>
      )}
      <h2>In the index over these {days.length} days</h2>
      <ul className="coin-counts" data-testid="coin-counts">
        {(Object.keys(counts) as (keyof typeof counts)[]).map((k) => (
          <li key={k}>
            {statusWords[k]}: <strong>{counts[k]}</strong>
          </li>
        ))}
      </ul>
      {moves.length > 0 && (
        <ul className="coin-moves">
          {moves.map((m) => (
            <li key={m.date}>
              {m.date}: {m.entered ? `entered the top ${data.top}` : `left the top ${data.top}`}
            </li>
          ))}
        </ul>
      )}
      <h2>Your trades</h2>
      {h === null ? (
        <p className="muted" data-testid="coin-no-holding">
          You have no transactions in this coin.
        </p>
      ) : (
        <dl className="coin-facts" data-testid="coin-holding">
          <div>
            <dt>Holding</dt>
            <dd>{h.quantity}</dd>
          </div>
          <div>
            <dt>Value</dt>
            <dd>{h.value === null ? 'unknown' : usd(h.value)}</dd>
          </div>
          <div>
            <dt>Unrealized</dt>
            <dd>{h.unrealized === null ? 'unknown (a lot has no cost)' : usd(h.unrealized)}</dd>
          </div>
          <div>
            <dt>Realized</dt>
            <dd>
              {usd(Number(h.realized))}
              {h.unknownGains > 0 ? ` (${h.unknownGains} sale(s) without a known gain left out)` : ''}
            </dd>
          </div>
          <div>
            <dt>Buys / sells</dt>
            <dd>
              {h.buys.length} / {h.sells.length} (marked on the chart)
            </dd>
          </div>
        </dl>
      )}
    </section>
  )
}
