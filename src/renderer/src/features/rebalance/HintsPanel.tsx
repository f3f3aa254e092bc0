import { useEffect, useState } from 'react'
import type { ChannelInput, ChannelOutput } from '@shared/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { RadioGroup } from '../../components/RadioGroup'
import { ClientError } from '../../lib/client'
import { useChannel } from '../../lib/query'
import { routeHref } from '../../lib/routes'
import { regimeLabels } from '@shared/domain'
import { pct, sleeveWords, usd } from './format'
import { exactQuantity, number, orderQuantity, plural, points } from '@shared/format'
import { groupHints } from '@shared/hint-groups'

type Hints = ChannelOutput<'rebalance:get-hints'>

export function HintsPanel({ onRegime }: { onRegime?: (regime: Hints['regime']) => void }) {
  const [mode, setMode] = useState<'rebalance' | 'buy-only'>('rebalance')
  const [contribution, setContribution] = useState(1000)
  const input: ChannelInput<'rebalance:get-hints'> = mode === 'buy-only' ? { mode, contribution } : { mode }
  const hints = useChannel('rebalance:get-hints', input, { retry: false })
  const data = hints.data
  useEffect(() => {
    if (data) onRegime?.(data.regime)
  }, [data, onRegime])

  return (
    <section className="card" data-testid="hints-list" aria-labelledby="hints-title">
      <div className="rebalance-head">
        <h2 id="hints-title">Hints</h2>
        <RadioGroup
          label="Hint mode"
          options={[
            { value: 'rebalance', label: 'Rebalance', testId: 'hints-mode-rebalance' },
            { value: 'buy-only', label: 'Buy only', testId: 'hints-mode-buy-only' }
          ]}
          value={mode}
          onChange={setMode}
        />
        {mode === 'buy-only' ? (
          <label className="inline">
            New money (USD)
            <input
              type="number"
              min={1}
              step={100}
              data-testid="hints-contribution"
              value={contribution}
              onChange={(e) => setContribution(Math.max(0, Number(e.target.value)))}
            />
          </label>
        ) : null}
      </div>
      {hints.isLoading ? <p className="muted">Working out hints…</p> : null}
      {hints.error ? <HintsError error={hints.error} onRetry={() => void hints.refetch()} /> : null}
      {data ? <HintsBody data={data} /> : null}
    </section>
  )
}

function HintsError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ClientError && error.code === 'NOT_FOUND') {
    return (
      <p className="muted" data-testid="hints-empty">
        {error.message}
      </p>
    )
  }
  return <ErrorNotice error={error} onRetry={onRetry} />
}

function HintsBody({ data }: { data: Hints }) {
  return (
    <>
      <p data-testid="hints-regime">
        <strong className={`regime-${data.regime}`}>{regimeLabels[data.regime]}</strong> — index{' '}
        {Math.round(data.indexValue)} as of <span data-testid="hints-as-of">{data.asOf}</span>
        {data.regime !== data.indexRegime
          ? ` (the index alone says ${regimeLabels[data.indexRegime]}; your thresholds or hysteresis hold the regime since ${data.regimeSince})`
          : ` (since ${data.regimeSince})`}
        .
      </p>
      <table className="rebalance-table" data-testid="hints-allocation">
        <caption className="muted">
          Allocation of {usd(data.allocation.total)} at prices as of {data.pricesAsOf ?? 'n/a'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Sleeve</th>
            <th scope="col">Now</th>
            <th scope="col">Target</th>
            <th scope="col">Drift</th>
            <th scope="col">Band</th>
            <th scope="col">After hints</th>
          </tr>
        </thead>
        <tbody>
          {data.allocation.sleeves.map((s) => (
            <tr key={s.sleeve} data-outside={s.outside}>
              <th scope="row">{sleeveWords[s.sleeve]}</th>
              <td>
                {pct(s.percent)} <span className="muted">({usd(s.value)})</span>
              </td>
              <td>{pct(s.target, 0)}</td>
              <td className={s.outside ? 'bad' : undefined}>
                {points(s.drift)}
                {s.outside ? ' — out of band' : ''}
              </td>
              <td>±{number(s.band, 1)} pts</td>
              <td>{pct(data.after.find((a) => a.sleeve === s.sleeve)?.percent ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.hints.length === 0 ? (
        <p className="muted" data-testid="hints-none">
          {data.due ? 'No trade to make (see the notes below).' : 'No trade is due.'}
        </p>
      ) : (
        <div className="hint-groups">
          {groupHints(data.hints).map((group) => (
            <section
              key={`${group.sleeve}-${group.reason}`}
              className="hint-group"
              data-testid="hint-group"
              data-sleeve={group.sleeve}
            >
              <h3>{sleeveWords[group.sleeve]}</h3>
              <p className="muted hint-reason" data-testid="hint-reason">
                {group.reason}
              </p>
              <ol className="hint-items">
                {group.hints.map((h) => (
                  <HintItem key={`${h.action}-${h.coinId}`} hint={h} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}
      {data.feeTotal > 0 ? (
        <p className="muted">
          Estimated fees: {usd(data.feeTotal)} at {data.feeRatePercent}% a trade; trades under {usd(data.minTradeUsd)}{' '}
          are left out.
        </p>
      ) : null}
      {data.skipped.length > 0 ? (
        <p className="muted">{plural(data.skipped.length, 'trade')} left out as too small.</p>
      ) : null}
      {data.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
    </>
  )
}

type Hint = Hints['hints'][number]

/** One trade: the quantity rounded as an exchange takes it, the exact figure on hover (and in the CLI). */
function HintItem({ hint: h }: { hint: Hint }) {
  return (
    <li data-testid="hint-item" data-action={h.action} data-coin={h.coinId}>
      <div className="hint-line">
        <strong className={h.action === 'sell' ? 'bad' : 'good'}>{h.action === 'sell' ? 'Sell' : 'Buy'}</strong>{' '}
        <span data-testid="hint-quantity" title={`Exactly ${exactQuantity(h.quantity)}`} data-exact={h.quantity}>
          {orderQuantity(h.quantity)}
        </span>{' '}
        <a href={routeHref('coins', h.coinId)}>{h.symbol.toUpperCase()}</a> ≈{' '}
        <span data-testid="hint-value">{usd(h.value)}</span>{' '}
        <span className="muted">
          at {usd(h.price)} as of {h.priceAsOf}, fee ≈ {usd(h.fee)}
        </span>
      </div>
      {h.sale ? (
        <details>
          <summary>
            {h.sale.realizedGain === null || h.sale.costBasis === null
              ? `Realizes an unknown gain (${h.sale.method.toUpperCase()}): a lot it takes has an unknown cost`
              : `Realizes ${usd(h.sale.realizedGain)} (${h.sale.method.toUpperCase()}, cost basis ${usd(h.sale.costBasis)})`}
          </summary>
          <ul>
            {h.sale.lots.map((lot) => (
              <li key={lot.acquiredAt}>
                {lot.quantity} acquired {lot.acquiredAt.slice(0, 10)} at{' '}
                {lot.costPerUnit === null ? 'an unknown cost' : usd(lot.costPerUnit)}
              </li>
            ))}
            {h.sale.uncovered > 0 ? <li>{h.sale.uncovered} not covered by recorded lots</li> : null}
          </ul>
        </details>
      ) : null}
    </li>
  )
}
