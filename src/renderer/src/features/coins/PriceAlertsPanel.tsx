import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { PriceAlertInput, PriceAlertKind } from '@shared/contract/coins'
import { ErrorNotice } from '../../components/ErrorNotice'
import { client } from '../../lib/client'
import { useChannel, useChannelMutation } from '../../lib/query'

/** Each new price alert as a desktop notification, as the index alerts are (when permission was given). */
export function usePriceAlertNotifications(): void {
  useEffect(
    () =>
      client.on('coins:price-alert', (alert) => {
        if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
        try {
          new Notification(alert.title, { body: alert.body, tag: `seasonwatch-price-${alert.id}` })
        } catch {
          // Some embedders refuse page notifications; the alert is still in the history.
        }
      }),
    []
  )
}

const kindLabels: Record<PriceAlertKind, string> = {
  above: 'Price rises above',
  below: 'Price falls below',
  move: 'Price moves by',
  'beats-btc': 'Starts or stops beating Bitcoin'
}

function ruleWords(r: { kind: PriceAlertKind; threshold: number | null; periodDays: number | null }): string {
  if (r.kind === 'move') return `${kindLabels.move} ${r.threshold}% in ${r.periodDays} day(s)`
  if (r.kind === 'beats-btc') return `${kindLabels['beats-btc']} over the index window`
  return `${kindLabels[r.kind]} $${r.threshold}`
}

/** A form for one coin's new alert. */
function AddAlert({ coinId }: { coinId: string }) {
  const add = useChannelMutation('price-alerts:add')
  const [kind, setKind] = useState<PriceAlertKind>('above')
  const [threshold, setThreshold] = useState('')
  const [days, setDays] = useState('1')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = () => {
    const value = Number(threshold)
    let input: PriceAlertInput
    if (kind === 'beats-btc') input = { coinId, kind }
    else if (!(value > 0)) return setProblem('Enter a number above zero.')
    else if (kind === 'move') {
      const period = Number(days)
      if (!Number.isInteger(period) || period < 1 || period > 365)
        return setProblem('Days must be a whole number from 1 to 365.')
      input = { coinId, kind, threshold: value, periodDays: period }
    } else input = { coinId, kind, threshold: value }
    setProblem(null)
    add.mutate(input, { onSuccess: () => setThreshold('') })
  }
  return (
    <form
      className="add-alert"
      data-testid="add-price-alert"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label>
        When
        <select value={kind} onChange={(e) => setKind(e.target.value as PriceAlertKind)} data-testid="alert-kind">
          {(Object.keys(kindLabels) as PriceAlertKind[]).map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      {kind !== 'beats-btc' && (
        <label>
          {kind === 'move' ? 'Percent' : 'USD'}
          <input
            inputMode="decimal"
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
            data-testid="alert-threshold"
          />
        </label>
      )}
      {kind === 'move' && (
        <label>
          Days
          <input inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={add.isPending} data-testid="alert-add">
        Add alert
      </button>
      {(problem ?? add.error?.message) && (
        <span role="alert" className="error-text">
          {problem ?? add.error?.message}
        </span>
      )}
    </form>
  )
}

/** Price alert rules (of one coin, or all), the switch that turns them on, and the alerts that fired. */
export function PriceAlertsPanel({ coinId }: { coinId?: string }) {
  const qc = useQueryClient()
  const settings = useChannel('settings:get')
  const alerts = useChannel('price-alerts:list', { limit: 50 })
  const save = useChannelMutation('settings:set')
  const remove = useChannelMutation('price-alerts:remove')
  // The switch follows the click at once, and the stored setting once the save answers.
  const [pending, setPending] = useState<boolean | null>(null)
  if (alerts.isPending) return <p className="muted">Loading…</p>
  if (alerts.isError) return <ErrorNotice error={alerts.error} />
  const enabled = pending ?? settings.data?.priceAlertsEnabled ?? alerts.data.enabled
  const rules = alerts.data.rules.filter((r) => coinId === undefined || r.coinId === coinId)
  const fired = alerts.data.fired.filter((a) => coinId === undefined || a.coinId === coinId)
  return (
    <section className="card" data-testid="price-alerts" aria-labelledby="price-alerts-title">
      <h2 id="price-alerts-title">Price alerts</h2>
      <label className="inline checkbox">
        <input
          type="checkbox"
          data-testid="price-alerts-enabled"
          checked={enabled}
          disabled={save.isPending}
          onChange={(e) => {
            if (e.target.checked && typeof Notification !== 'undefined' && Notification.permission === 'default')
              void Notification.requestPermission()
            setPending(e.target.checked)
            save.mutate(
              { priceAlertsEnabled: e.target.checked },
              {
                onSuccess: (data) => qc.setQueryData(['settings:get', null], data),
                onSettled: () => setPending(null)
              }
            )
          }}
        />
        Check price alerts after each sync (off until you turn it on)
      </label>
      {coinId && <AddAlert coinId={coinId} />}
      {rules.length === 0 ? (
        <p className="muted">No price alerts{coinId ? ' on this coin' : ''} yet.</p>
      ) : (
        <ul className="alert-rules" data-testid="price-alert-rules">
          {rules.map((r) => (
            <li key={r.id}>
              <strong>{r.symbol.toUpperCase()}</strong> {ruleWords(r)}{' '}
              <button type="button" onClick={() => remove.mutate({ id: r.id })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Fired</h3>
      {fired.length === 0 ? (
        <p className="muted">None yet. Alerts are checked after each sync.</p>
      ) : (
        <ul className="alert-history" data-testid="price-alert-history">
          {fired.map((a) => (
            <li key={a.id}>
              <strong>{a.title}</strong> <span className="muted">{a.body}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
