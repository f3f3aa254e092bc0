import { Fragment, useEffect, useRef } from 'react'
import type { CostMethod } from '@shared/contract/portfolio'
import type { AssetDetail as Detail } from '@shared/contract/reports'
import { costMethodLabels, priceSourceLabels, termLabels } from '@shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel } from '../../lib/query'
import { routeHref } from '../../lib/routes'
import { causeWords, pnlClass, quantity, signedUsd, sourceWords, unitPrice, usd } from './portfolio-format'

function LotsTable({ detail }: { detail: Detail }) {
  if (detail.lots.length === 0) return <p className="muted">No open lots: none of it is held now.</p>
  return (
    <table className="data" data-testid="asset-lots">
      <thead>
        <tr>
          <th>Acquired</th>
          <th className="num">Quantity</th>
          <th className="num">Cost per unit</th>
          <th className="num">Cost</th>
          <th>Cost from</th>
        </tr>
      </thead>
      <tbody>
        {detail.lots.map((lot, i) => (
          <tr key={`${lot.txId}-${i}`} data-testid="asset-lot">
            <td>{lot.acquired}</td>
            <td className="num">{quantity(lot.quantity)}</td>
            <td className="num">{unitPrice(lot.costPerUnit)}</td>
            <td className="num">{usd(lot.cost)}</td>
            <td className="muted">{lot.costSources.map((s) => priceSourceLabels[s]).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function DisposalsTable({ detail }: { detail: Detail }) {
  if (detail.disposals.length === 0) return <p className="muted">Nothing sold, traded or paid as a fee yet.</p>
  return (
    <table className="data" data-testid="asset-disposals">
      <thead>
        <tr>
          <th>Date</th>
          <th>What</th>
          <th className="num">Quantity</th>
          <th className="num">Proceeds</th>
          <th className="num">Cost basis</th>
          <th className="num">Gain or loss</th>
          <th>Term</th>
        </tr>
      </thead>
      <tbody>
        {detail.disposals.map((d, i) => (
          <Fragment key={`${d.txId}-${i}`}>
            <tr data-testid="asset-disposal" className="disposal">
              <td>{d.date}</td>
              <td>{causeWords[d.cause]}</td>
              <td className="num">{quantity(d.quantity)}</td>
              <td className="num">
                {usd(d.proceeds)}
                <div className="sub">{sourceWords(d.proceedsSource)}</div>
              </td>
              <td className={d.costBasis === null ? 'num unknown' : 'num'}>{usd(d.costBasis)}</td>
              <td className={`num ${d.gain === null ? 'unknown' : (pnlClass(d.gain) ?? '')}`}>{signedUsd(d.gain)}</td>
              <td />
            </tr>
            {d.lots.map((lot, j) => (
              <tr key={j} className="consumed-lot" data-testid="consumed-lot">
                <td colSpan={2}>
                  {lot.acquired ? `from the lot acquired ${lot.acquired}` : 'more than was held: no lot covers it'}
                </td>
                <td className="num">{quantity(lot.quantity)}</td>
                <td />
                <td className={lot.costBasis === null ? 'num unknown' : 'num'}>{usd(lot.costBasis)}</td>
                <td />
                <td>{lot.term ? termLabels[lot.term] : 'unknown'}</td>
              </tr>
            ))}
          </Fragment>
        ))}
      </tbody>
    </table>
  )
}

/** One holding opened: its open lots, its disposals with the lots each consumed, its gains and income. */
export function AssetDetail({ assetKey, method }: { assetKey: string; method: CostMethod }) {
  const detail = useChannel('portfolio:get-asset', { key: assetKey, method })
  const heading = useRef<HTMLHeadingElement>(null)
  const loaded = detail.data !== undefined
  // Keyboard and screen reader users land on the view they opened.
  useEffect(() => {
    if (loaded) heading.current?.focus()
  }, [loaded, assetKey])

  const back = (
    <a href={routeHref('portfolio', 'holdings')} className="button-link no-print" data-testid="asset-back">
      ← Back to holdings
    </a>
  )
  if (detail.error)
    return (
      <div className="stack">
        {back}
        <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
      </div>
    )
  const d = detail.data
  if (!d) return <p className="muted">Loading {assetKey}…</p>
  return (
    <div className="stack" data-testid="asset-detail">
      <div>{back}</div>
      <section className="card">
        <h2 ref={heading} tabIndex={-1}>
          {d.symbol} {d.name ? <span className="muted">{d.name}</span> : null}
        </h2>
        <dl className="facts">
          <dt>Held</dt>
          <dd data-testid="asset-quantity">
            {quantity(d.quantity)} {d.symbol}
          </dd>
          <dt>Price</dt>
          <dd>
            {d.price === null
              ? 'no stored price yet'
              : `${unitPrice(d.price)} as of ${d.asOf ?? 'unknown'} (UTC), ${priceSourceLabels.market}`}
          </dd>
          <dt>Realized gains</dt>
          <dd data-testid="asset-realized">
            <span className={pnlClass(d.realized)}>{signedUsd(d.realized)}</span>
            {d.unknownGains > 0 ? (
              <span className="warning-text"> ({d.unknownGains} left out: their gain is unknown)</span>
            ) : null}
          </dd>
          <dt>Income</dt>
          <dd data-testid="asset-income">
            {usd(d.income)}
            {d.unknownIncome > 0 ? (
              <span className="warning-text"> ({d.unknownIncome} left out: their value is unknown)</span>
            ) : null}
          </dd>
          <dt>Method</dt>
          <dd>{costMethodLabels[d.method]}</dd>
          <dt>Dates in</dt>
          <dd>{d.timeZone} (the tax time zone, in Settings)</dd>
        </dl>
      </section>
      <section className="card">
        <h2>Open lots</h2>
        <LotsTable detail={d} />
      </section>
      <section className="card">
        <h2>Disposals and the lots they consumed</h2>
        <p className="muted">Newest first. Each lot consumed is listed under its disposal with its own term.</p>
        <DisposalsTable detail={d} />
      </section>
    </div>
  )
}
