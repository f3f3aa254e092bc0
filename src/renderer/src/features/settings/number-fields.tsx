// The Settings page's whole-number fields, kept as the text typed: an emptied field stays empty and
// is refused by name on save, never sent as 0.
import { readWholeNumber } from '@shared/field-input'
import type { Settings } from '@shared/settings'

export const numberFields = [
  { key: 'trackedCoins', label: 'Coins tracked', min: 50, max: 2000, testId: 'settings-tracked-coins' },
  { key: 'historyDays', label: 'Days of history', min: 30, max: 3650, testId: 'settings-history-days' },
  {
    key: 'syncIntervalMinutes',
    label: 'Minutes between syncs',
    hint: ' (0 = only when asked)',
    min: 0,
    max: 1440,
    testId: 'settings-sync-interval'
  },
  {
    key: 'maxRequestsPerMinute',
    label: 'Requests per minute',
    hint: ' (0 = no limit)',
    min: 0,
    max: 10_000,
    testId: 'settings-max-rpm'
  }
] as const satisfies readonly {
  key: keyof Settings
  label: string
  hint?: string
  min: number
  max: number
  testId: string
}[]

export type NumberKey = (typeof numberFields)[number]['key']
export type NumberTexts = Record<NumberKey, string>

export function numberTexts(settings: Pick<Settings, NumberKey>): NumberTexts {
  return {
    trackedCoins: String(settings.trackedCoins),
    historyDays: String(settings.historyDays),
    syncIntervalMinutes: String(settings.syncIntervalMinutes),
    maxRequestsPerMinute: String(settings.maxRequestsPerMinute)
  }
}

/** The numbers read from the texts, or the problems by field (each a sentence naming the field). */
export function readNumbers(
  texts: NumberTexts
): { ok: true; values: Record<NumberKey, number> } | { ok: false; problems: Partial<Record<NumberKey, string>> } {
  const values = {} as Record<NumberKey, number>
  const problems: Partial<Record<NumberKey, string>> = {}
  for (const field of numberFields) {
    const read = readWholeNumber(texts[field.key], field.label, field.min, field.max)
    if (read.ok) values[field.key] = read.value
    else problems[field.key] = read.message
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, values }
}

export function NumberFields({
  texts,
  problems,
  onChange
}: {
  texts: NumberTexts
  problems: Partial<Record<NumberKey, string>>
  onChange: (key: NumberKey, text: string) => void
}) {
  return (
    <>
      {numberFields.map((field) => (
        <div key={field.key} className="number-field">
          <label>
            {field.label}
            {'hint' in field ? field.hint : ''}
            <input
              data-testid={field.testId}
              type="text"
              inputMode="numeric"
              value={texts[field.key]}
              aria-invalid={problems[field.key] !== undefined}
              aria-describedby={problems[field.key] ? `${field.testId}-error` : undefined}
              onChange={(e) => onChange(field.key, e.target.value)}
            />
          </label>
          {problems[field.key] ? (
            <p role="alert" className="error-notice" id={`${field.testId}-error`} data-testid={`${field.testId}-error`}>
              {problems[field.key]}
            </p>
          ) : null}
        </div>
      ))}
    </>
  )
}
