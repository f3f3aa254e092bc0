import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { Settings } from '@shared/settings'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'

type Draft = Pick<
  Settings,
  | 'rebalanceBitcoinThreshold'
  | 'rebalanceAltcoinThreshold'
  | 'rebalanceHysteresisDays'
  | 'driftBandAbsolute'
  | 'driftBandRelative'
  | 'minTradeUsd'
  | 'feeRatePercent'
  | 'costBasisMethod'
>

const fields: { key: Exclude<keyof Draft, 'costBasisMethod'>; label: string; step: number; testId: string }[] = [
  { key: 'rebalanceBitcoinThreshold', label: 'Bitcoin Season at or below', step: 1, testId: 'setting-btc-threshold' },
  { key: 'rebalanceAltcoinThreshold', label: 'Altcoin Season at or above', step: 1, testId: 'setting-alt-threshold' },
  {
    key: 'rebalanceHysteresisDays',
    label: 'Days past a threshold before the regime changes (0 = at once)',
    step: 1,
    testId: 'setting-hysteresis'
  },
  {
    key: 'driftBandAbsolute',
    label: 'Drift band, percentage points (0 = unused)',
    step: 0.5,
    testId: 'setting-band-absolute'
  },
  {
    key: 'driftBandRelative',
    label: 'Drift band, percent of the target (0 = unused)',
    step: 1,
    testId: 'setting-band-relative'
  },
  { key: 'minTradeUsd', label: 'Smallest trade worth making (USD)', step: 5, testId: 'setting-min-trade' },
  { key: 'feeRatePercent', label: 'Estimated fee per trade (%)', step: 0.05, testId: 'setting-fee' }
]

/** How hints read the index and when they are due: thresholds, hysteresis, bands (5/25 by default), size and fees. */
export function RebalanceSettings() {
  const qc = useQueryClient()
  const settings = useChannel('settings:get')
  const save = useChannelMutation('settings:set')
  const [draft, setDraft] = useState<Draft | null>(null)

  useEffect(() => {
    if (settings.data) setDraft(settings.data)
  }, [settings.data])

  if (!draft) return null
  const thresholdsWrong = draft.rebalanceBitcoinThreshold >= draft.rebalanceAltcoinThreshold
  return (
    <details className="card rebalance-settings" data-testid="rebalance-settings">
      <summary>
        Rules: regime at ≤{draft.rebalanceBitcoinThreshold} / ≥{draft.rebalanceAltcoinThreshold}
        {draft.rebalanceHysteresisDays > 0 ? ` after ${draft.rebalanceHysteresisDays} days` : ''}, bands{' '}
        {draft.driftBandAbsolute} pts / {draft.driftBandRelative}%, fee {draft.feeRatePercent}%, trades from $
        {draft.minTradeUsd}
      </summary>
      <form
        className="rebalance-settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate(
            {
              rebalanceBitcoinThreshold: draft.rebalanceBitcoinThreshold,
              rebalanceAltcoinThreshold: draft.rebalanceAltcoinThreshold,
              rebalanceHysteresisDays: draft.rebalanceHysteresisDays,
              driftBandAbsolute: draft.driftBandAbsolute,
              driftBandRelative: draft.driftBandRelative,
              minTradeUsd: draft.minTradeUsd,
              feeRatePercent: draft.feeRatePercent,
              costBasisMethod: draft.costBasisMethod
            },
            { onSuccess: (data) => qc.setQueryData(['settings:get', null], data) }
          )
        }}
      >
        {fields.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="number"
              min={0}
              step={f.step}
              data-testid={f.testId}
              value={draft[f.key]}
              onChange={(e) => setDraft({ ...draft, [f.key]: Number(e.target.value) })}
            />
          </label>
        ))}
        <label>
          Cost-basis method for sell previews
          <select
            value={draft.costBasisMethod}
            onChange={(e) => setDraft({ ...draft, costBasisMethod: e.target.value as Draft['costBasisMethod'] })}
          >
            <option value="fifo">FIFO (oldest lots first)</option>
            <option value="hifo">HIFO (most expensive lots first)</option>
            <option value="average">Average cost</option>
          </select>
        </label>
        {thresholdsWrong ? (
          <p className="bad">
            The Bitcoin Season level must be below the Altcoin Season level; until it is, hints use 25 / 75.
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" data-testid="rebalance-settings-save" disabled={save.isPending}>
            Save rules
          </button>
        </div>
        {save.error ? <ErrorNotice error={save.error} /> : null}
      </form>
    </details>
  )
}
