import { useId, useMemo } from 'react'
import { isTimeZone } from '@shared/tax-dates'

/** Why a tax time zone cannot be saved, in words; null when it can. */
export function timeZoneProblem(value: string): string | null {
  const name = value.trim()
  if (name === '') return 'Tax time zone: enter a time zone, such as UTC.'
  if (!isTimeZone(name))
    return `Tax time zone: "${name}" is not a time zone this computer knows. Use a name such as UTC, Europe/Berlin or America/New_York.`
  return null
}

/** The IANA time zone whose calendar dates and years the tax reports use (setting `taxTimeZone`). */
export function TaxTimeZoneField({
  value,
  problem,
  onChange
}: {
  value: string
  problem: string | null
  onChange: (value: string) => void
}) {
  const id = useId()
  const zones = useMemo(() => {
    try {
      return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]
    } catch {
      return ['UTC']
    }
  }, [])
  return (
    <>
      <label htmlFor={`${id}-tz`}>
        Tax time zone
        <input
          id={`${id}-tz`}
          data-testid="settings-tax-time-zone"
          list={`${id}-zones`}
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-tz-help`}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <p className="muted" id={`${id}-tz-help`}>
        It decides the date of each sale and income in the reports, and so the tax year it falls in and whether a lot
        was held more than a year. Use the zone you file taxes in (for example America/New_York); UTC unless you change
        it.
      </p>
      {problem ? (
        <p role="alert" className="error-notice" data-testid="settings-tax-time-zone-error">
          {problem}
        </p>
      ) : null}
    </>
  )
}
