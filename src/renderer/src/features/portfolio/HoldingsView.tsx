import type { ChannelOutput } from '@shared/contract'
import type { CostMethod, Holding } from '@shared/contract/portfolio'
import { costMethodLabels, costMethods, priceSourceLabels } from '@shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel } from '../../lib/query'
import { go, routeHref } from '../../lib/routes'
import { AllocationCard } from './AllocationCard'
import { assetKey, count, pnlClass, quantity, signedUsd, unitPrice, usd } from './portfolio-format'
import { UnmatchedAssets } from './UnmatchedAssets'
import { ValueChart } from './ValueChart'
import { chartGapSentence, leftOutWords, valueGapWords } from './value-gap-words'

type HoldingsData = ChannelOutput<'portfolio:get-holdings'>

function Total({
  label,
  value,
  note,
  testId,
  className
}: {
  label: string
  value: string
  note: string | null
  testId: string
  className?: string
}) {
  return (
    <div data-testid={testId}>
      <div className="muted">{label}</div>
      <div className={className}>{value}</div>
      {note ? <div className="sub warning-text">{note}</div> : null}
    </div>
  )
}

function ValueGaps({ data }: { data: HoldingsData }) {
  const words = valueGapWords(data.valueGaps)
  if (!words) return null
  return (
    <section className="card notice" data-testid="value-gaps" aria-label="Values left out">
      <p>
        <strong>{words.headline}</strong>
      </p>
      <ul>
        {words.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" data-testid="show-missing" onClick={() => go('portfolio', 'transactions', 'missing')}>
          Show them
        </button>
        <span className="muted">and enter the USD value of each.</span>
      </div>
    </section>
  )
}

function costWords(h: Holding): string {
  if (h.unknownCostQuantity !== '0') return `unknown for ${quantity(h.unknownCostQuantity)} of ${quantity(h.quantity)}`
  if (h.costBasis === null) return 'unknown (the balance fell below zero)'
  return usd(h.costBasis)
}

function HoldingRow({ h }: { h: Holding }) {
  const href = routeHref('portfolio', 'asset', assetKey(h))
  return (
    <tr data-symbol={h.symbol} className="clickable" onClick={() => (window.location.hash = href)}>
      <td title={h.coinId ?? 'not matched to a coin yet'}>
        <a href={href} data-testid={`open-asset-${h.symbol}`} onClick={(e) => e.stopPropagation()}>
          <strong>{h.symbol}</strong>
        </a>{' '}
        <span className="muted">{h.name ?? ''}</span>
        {h.coinId && (
          <>
            {' '}
            <a
              href={routeHref('coins', h.coinId)}
              data-testid={`coin-page-${h.symbol}`}
              title="Price history, index history and your trades"
              onClick={(e) => e.stopPropagation()}
            >
              chart
            </a>
          </>
        )}
      </td>
      <td className="num">{quantity(h.quantity)}</td>
      <td className="num">
        {h.price === null ? 'no price yet' : unitPrice(h.price)}
        {h.asOf ? (
          <div
            className={h.stale ? 'sub warning-text nowrap' : 'sub nowrap'}
            title={h.stale ? 'older than the newest market data' : undefined}
          >
            as of {h.asOf}, {priceSourceLabels[h.priceSource]}
          </div>
        ) : null}
      </td>
      <td className="num">{usd(h.value)}</td>
      <td className="num" data-testid="holding-cost">
        {costWords(h)}
      </td>
      <td className={`num ${pnlClass(h.unrealizedPnl) ?? ''}`}>{signedUsd(h.unrealizedPnl)}</td>
      <td className="num" data-testid="holding-realized">
        <span className={pnlClass(h.realizedPnl)}>{signedUsd(h.realizedPnl)}</span>
        {h.unknownGains > 0 ? <div className="sub warning-text">({h.unknownGains} left out)</div> : null}
      </td>
      <td className="num" data-testid="holding-income">
        {usd(h.income)}
        {h.unknownIncome > 0 ? <div className="sub warning-text">({h.unknownIncome} left out)</div> : null}
      </td>
    </tr>
  )
}

export function HoldingsView({ method, onMethod }: { method: CostMethod; onMethod: (m: CostMethod) => void }) {
  const holdings = useChannel('portfolio:get-holdings', { method })
  const history = useChannel('portfolio:get-value-history')
  if (holdings.error) return <ErrorNotice error={holdings.error} onRetry={() => void holdings.refetch()} />
  const data = holdings.data
  if (!data) return <p className="muted">Loading holdings…</p>
  const { totals, leftOut } = data
  // Unknown values have their own card (ValueGaps); these two need the user to fix a transaction.
  const fixable = data.warnings.filter((w) => w.kind === 'negative-balance' || w.kind === 'unreadable-amount')
  const gapSentence = chartGapSentence(history.data?.points ?? [])
  return (
    <div className="stack">
      <section className="portfolio-summary" data-testid="portfolio-value" aria-label="Portfolio value">
        <div>
          <div className="muted">Value</div>
          <div className="big">{usd(totals.value)}</div>
          <div className="muted">as of {data.asOf ?? 'no market data yet'} (UTC)</div>
          {leftOutWords(leftOut, 'value') ? (
            <div className="sub warning-text">{leftOutWords(leftOut, 'value')}</div>
          ) : null}
        </div>
        <Total
          label="Cost basis"
          value={usd(totals.costBasis)}
          note={leftOutWords(leftOut, 'costBasis')}
          testId="total-cost"
        />
        <Total
          label="Unrealized"
          value={signedUsd(totals.unrealizedPnl)}
          className={pnlClass(totals.unrealizedPnl)}
          note={leftOutWords(leftOut, 'unrealized')}
          testId="total-unrealized"
        />
        <Total
          label="Realized"
          value={signedUsd(totals.realizedPnl)}
          className={pnlClass(totals.realizedPnl)}
          note={leftOutWords(leftOut, 'realized')}
          testId="total-realized"
        />
        <Total label="Income" value={usd(totals.income)} note={leftOutWords(leftOut, 'income')} testId="total-income" />
      </section>
      <div className="method-line">
        <label>
          Cost basis method{' '}
          <select value={method} onChange={(e) => onMethod(e.target.value as CostMethod)} data-testid="cost-method">
            {costMethods.map((m) => (
              <option key={m} value={m}>
                {costMethodLabels[m]}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">It decides which lots each sale consumes, and so the cost basis and the gains.</span>
      </div>
      <ValueGaps data={data} />
      {fixable.length > 0 ? (
        <div className="card warning" role="status">
          {fixable.slice(0, 5).map((w) => (
            <p key={`${w.transactionId}-${w.message}`}>{w.message}</p>
          ))}
          {fixable.length > 5 ? <p>…and {count(fixable.length - 5, 'more warning')}.</p> : null}
        </div>
      ) : null}
      <UnmatchedAssets items={data.unmatched} />
      <section className="card">
        <h2>Holdings</h2>
        <p className="muted">Open an asset to see its lots, what each sale consumed and its realized gains.</p>
        <div className="wide-table">
          <table className="data" data-testid="holdings-table">
            <thead>
              <tr>
                <th>Asset</th>
                <th className="num">Quantity</th>
                <th className="num">Price</th>
                <th className="num">Value</th>
                <th className="num">Cost basis</th>
                <th className="num">Unrealized</th>
                <th className="num">Realized</th>
                <th className="num">Income</th>
              </tr>
            </thead>
            <tbody>
              {data.holdings.map((h) => (
                <HoldingRow key={assetKey(h)} h={h} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="portfolio-grid">
        <section className="card">
          <h2>Value over time</h2>
          <p className="muted">
            USD value each UTC day at that day&apos;s stored prices
            {history.data?.asOf ? `, up to ${history.data.asOf}` : ''}.
          </p>
          <ValueChart points={history.data?.points ?? []} />
          {gapSentence ? (
            <p className="muted" data-testid="value-chart-gaps">
              {gapSentence}
            </p>
          ) : null}
        </section>
        <AllocationCard unpriced={leftOut.unpriced} />
      </div>
    </div>
  )
}
