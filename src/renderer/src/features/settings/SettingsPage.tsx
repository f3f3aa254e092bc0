import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { indexTops, indexWindows, windowLabels } from '@shared/domain'
import { providerAddressProblem } from '@shared/provider-address'
import type { Settings } from '@shared/settings'
import { isoDateTime } from '@shared/format'
import { TaxTimeZoneField, timeZoneProblem } from './TaxTimeZoneField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'
import { AboutPanel } from './AboutPanel'
import { BackupsPanel } from './BackupsPanel'
import { ApiKeyPanel } from './ApiKeyPanel'
import { UpdatesPanel } from './UpdatesPanel'
import { ProviderInUseNote } from './ProviderInUseNote'
import { NumberFields, numberTexts, readNumbers } from './number-fields'
import type { NumberKey, NumberTexts } from './number-fields'

/** The fields this form edits; Save sends only these, so panels that save their own setting keep it. */
const draftKeys = [
  'theme',
  'providerTier',
  'providerUrl',
  'trackedCoins',
  'historyDays',
  'syncIntervalMinutes',
  'maxRequestsPerMinute',
  'defaultTop',
  'defaultWindow',
  'pegDetection',
  'taxTimeZone'
] as const satisfies readonly (keyof Settings)[]
type Draft = Pick<Settings, (typeof draftKeys)[number]>
const draftOf = (settings: Settings): Draft => Object.fromEntries(draftKeys.map((key) => [key, settings[key]])) as Draft

export function SettingsPage() {
  const qc = useQueryClient()
  const settings = useChannel('settings:get')
  const save = useChannelMutation('settings:set')
  const [draft, setDraft] = useState<Draft | null>(null)
  const [savedAt, setSavedAt] = useState<Date | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [addressProblem, setAddressProblem] = useState<string | null>(null)
  // The whole-number fields as typed; null until the person edits one.
  const [numbers, setNumbers] = useState<NumberTexts | null>(null)
  const [numberProblems, setNumberProblems] = useState<Partial<Record<NumberKey, string>>>({})

  useEffect(() => {
    if (settings.data && draft === null) setDraft(draftOf(settings.data))
  }, [settings.data, draft])

  if (settings.error) return <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />
  if (!draft) return <p className="muted">Loading settings…</p>

  const update = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value })

  return (
    <div className="page" data-testid="page-settings">
      <h1>Settings</h1>
      <form
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          const tz = timeZoneProblem(draft.taxTimeZone)
          setProblem(tz)
          const address = draft.providerUrl.trim()
          const wrongAddress = address === '' ? null : providerAddressProblem(address)
          setAddressProblem(wrongAddress ? `Provider address: it ${wrongAddress}.` : null)
          const read = readNumbers(numbers ?? numberTexts(draft))
          setNumberProblems(read.ok ? {} : read.problems)
          if (tz || wrongAddress || !read.ok) return
          save.mutate(
            { ...draft, ...read.values, providerUrl: address, taxTimeZone: draft.taxTimeZone.trim() },
            {
              onSuccess: (data) => {
                qc.setQueryData(['settings:get', null], data)
                setDraft(draftOf(data))
                setNumbers(null)
                setSavedAt(new Date())
              }
            }
          )
        }}
      >
        <fieldset>
          <legend>Appearance</legend>
          <label>
            Theme
            <select
              data-testid="settings-theme"
              value={draft.theme}
              onChange={(e) => update('theme', e.target.value as Draft['theme'])}
            >
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </fieldset>

        <fieldset>
          <legend>Market data</legend>
          <label>
            Provider plan
            <select
              data-testid="settings-provider-tier"
              value={draft.providerTier}
              onChange={(e) => update('providerTier', e.target.value as Draft['providerTier'])}
            >
              <option value="public">CoinGecko public (free, about 30 calls a minute, 365 days of history)</option>
              <option value="demo">CoinGecko demo key</option>
              <option value="pro">CoinGecko pro key</option>
            </select>
          </label>
          <label>
            Provider address (leave empty for the plan&apos;s own)
            <input
              data-testid="settings-provider-url"
              type="url"
              value={draft.providerUrl}
              placeholder="https://api.coingecko.com/api/v3"
              aria-invalid={addressProblem !== null}
              aria-describedby="settings-provider-url-help"
              onChange={(e) => {
                setAddressProblem(null)
                update('providerUrl', e.target.value)
              }}
            />
          </label>
          <p className="muted" id="settings-provider-url-help" data-testid="settings-provider-url-help">
            <ProviderInUseNote />
            An https address (plain http only for this computer). The API key goes only to the provider&apos;s host:
            saving another host here, or switching to or from the pro plan (its host differs), removes the stored key,
            and you enter it again for the new one.
          </p>
          {addressProblem ? (
            <p role="alert" className="error-notice" data-testid="settings-provider-url-error">
              {addressProblem}
            </p>
          ) : null}
          <NumberFields
            texts={numbers ?? numberTexts(draft)}
            problems={numberProblems}
            onChange={(key, text) => {
              const rest = { ...numberProblems }
              delete rest[key]
              setNumberProblems(rest)
              setNumbers({ ...(numbers ?? numberTexts(draft)), [key]: text })
            }}
          />
        </fieldset>

        <fieldset>
          <legend>Season index</legend>
          <label>
            Coins in the index
            <select
              data-testid="settings-default-top"
              value={draft.defaultTop}
              onChange={(e) => update('defaultTop', Number(e.target.value) as Draft['defaultTop'])}
            >
              {indexTops.map((top) => (
                <option key={top} value={top}>
                  Top {top}
                </option>
              ))}
            </select>
          </label>
          <label>
            Window
            <select
              data-testid="settings-default-window"
              value={draft.defaultWindow}
              onChange={(e) => update('defaultWindow', Number(e.target.value) as Draft['defaultWindow'])}
            >
              {indexWindows.map((window) => (
                <option key={window} value={window}>
                  {windowLabels[window]}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input
              data-testid="settings-peg-detection"
              type="checkbox"
              checked={draft.pegDetection}
              onChange={(e) => update('pegDetection', e.target.checked)}
            />
            Leave out coins pegged to the dollar, Bitcoin or Ether even when not labelled
          </label>
        </fieldset>

        <fieldset>
          <legend>Tax reports</legend>
          <TaxTimeZoneField
            value={draft.taxTimeZone}
            problem={problem}
            onChange={(value) => {
              setProblem(null)
              update('taxTimeZone', value)
            }}
          />
        </fieldset>

        <div className="form-actions">
          <button type="submit" data-testid="settings-save" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save settings'}
          </button>
          {savedAt && !save.error && !problem && Object.keys(numberProblems).length === 0 ? (
            <span className="muted" data-testid="settings-saved" role="status">
              Saved at {isoDateTime(savedAt)}
            </span>
          ) : null}
        </div>
        {save.error ? <ErrorNotice error={save.error} /> : null}
      </form>
      <div className="settings-form">
        <ApiKeyPanel tier={draft.providerTier} />
      </div>
      <BackupsPanel />
      <UpdatesPanel />
      <AboutPanel />
    </div>
  )
}
