import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { readNumberList } from '@shared/field-input'
import { isoDateTime, plural } from '@shared/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { client } from '../../lib/client'
import { useChannel, useChannelMutation } from '../../lib/query'

/**
 * Shows each new alert as a desktop notification. The Web Notification API works in the Electron
 * window and in the browser alike; nothing is shown unless alerts are on and permission was given.
 */
export function useAlertNotifications(): void {
  useEffect(
    () =>
      client.on('rebalance:alert', (alert) => {
        if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
        try {
          new Notification(alert.title, { body: alert.body, tag: `seasonwatch-${alert.id}` })
        } catch {
          // Some embedders refuse page notifications; the alert is still in the history.
        }
      }),
    []
  )
}

export function AlertsPanel() {
  const qc = useQueryClient()
  const settings = useChannel('settings:get')
  const alerts = useChannel('rebalance:list-alerts', { limit: 50 })
  const saveSettings = useChannelMutation('settings:set')
  const check = useChannelMutation('rebalance:check-alerts')
  const [levels, setLevels] = useState('')
  const [levelsProblem, setLevelsProblem] = useState<string | null>(null)
  // What the last "Check now" found, so the button never seems to do nothing.
  const [checked, setChecked] = useState<{ at: number; created: number } | null>(null)
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
  )

  useEffect(() => {
    if (settings.data) setLevels(settings.data.alertIndexLevels.join(', '))
  }, [settings.data])

  // The switch follows the click at once (component state, set in the event), and the stored
  // setting once the save answers; a refused save puts the stored value back.
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null)
  const enabled = pendingEnabled ?? settings.data?.alertsEnabled ?? false
  const update = (patch: Parameters<typeof saveSettings.mutate>[0]) => {
    saveSettings.mutate(patch, {
      onSuccess: (data) => {
        qc.setQueryData(['settings:get', null], data)
        void qc.invalidateQueries({ queryKey: ['rebalance:list-alerts'] })
      },
      onSettled: () => setPendingEnabled(null)
    })
  }

  return (
    <section className="card" data-testid="alerts-list" aria-labelledby="alerts-title">
      <div className="rebalance-head">
        <h2 id="alerts-title">Alerts</h2>
        <label className="inline checkbox">
          <input
            type="checkbox"
            data-testid="alerts-enabled"
            checked={enabled}
            disabled={!settings.data}
            onChange={(e) => {
              setPendingEnabled(e.target.checked)
              update({ alertsEnabled: e.target.checked })
              if (e.target.checked && typeof Notification !== 'undefined' && Notification.permission === 'default') {
                void Notification.requestPermission().then(setPermission)
              }
            }}
          />
          Alerts on
        </label>
      </div>
      <p className="muted">
        When on, Seasonwatch notes a regime change, the index crossing one of your levels, and a sleeve leaving its
        drift band, here and as a desktop notification
        {permission === 'granted'
          ? ''
          : permission === 'denied'
            ? ' (notifications are blocked for this window)'
            : permission === 'unsupported'
              ? ' (not available here)'
              : ' (allowed when you turn alerts on)'}
        .
      </p>
      {settings.data ? (
        <div className="alert-options">
          <label className="inline checkbox">
            <input
              type="checkbox"
              checked={settings.data.alertOnRegimeChange}
              onChange={(e) => update({ alertOnRegimeChange: e.target.checked })}
            />
            Regime changes
          </label>
          <label className="inline checkbox">
            <input
              type="checkbox"
              checked={settings.data.alertOnDrift}
              onChange={(e) => update({ alertOnDrift: e.target.checked })}
            />
            Drift out of band
          </label>
          <label className="inline">
            Index levels
            <input
              type="text"
              data-testid="alerts-levels"
              placeholder="e.g. 50, 75"
              value={levels}
              aria-invalid={levelsProblem !== null}
              onChange={(e) => {
                setLevels(e.target.value)
                setLevelsProblem(null)
              }}
              onBlur={() => {
                // Read here, so "50, 75, abc" is named as it was typed and nothing is saved.
                const read = readNumberList(levels, 'Alert levels', 0, 100, 10)
                if (!read.ok) setLevelsProblem(read.message)
                else update({ alertIndexLevels: read.value })
              }}
            />
          </label>
          <button
            type="button"
            data-testid="alerts-check"
            disabled={!enabled || check.isPending || saveSettings.isPending}
            onClick={() =>
              check.mutate(undefined, {
                onSuccess: (result) => setChecked({ at: Date.now(), created: result.created.length })
              })
            }
          >
            {check.isPending ? 'Checking…' : 'Check now'}
          </button>
          {checked ? (
            <span className="muted" role="status" data-testid="alerts-check-result">
              Checked at {isoDateTime(checked.at)}:{' '}
              {checked.created === 0 ? 'nothing new.' : `${plural(checked.created, 'new alert')}.`}
            </span>
          ) : null}
        </div>
      ) : null}
      {levelsProblem ? (
        <p role="alert" className="error-notice" data-testid="alerts-levels-error">
          {levelsProblem}
        </p>
      ) : null}
      {saveSettings.error ? <ErrorNotice error={saveSettings.error} /> : null}
      {check.error ? <ErrorNotice error={check.error} /> : null}
      {alerts.error ? <ErrorNotice error={alerts.error} onRetry={() => void alerts.refetch()} /> : null}
      {alerts.data && alerts.data.alerts.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          {enabled ? 'No alerts yet. The first check only notes where things stand.' : 'Alerts are off.'}
        </p>
      ) : null}
      <ul className="alert-items">
        {alerts.data?.alerts.map((a) => (
          <li key={a.id} data-testid="alert-item" data-kind={a.kind}>
            <strong>{a.title}</strong> <span className="muted">as of {a.asOf}</span>
            <p className="muted">{a.body}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
