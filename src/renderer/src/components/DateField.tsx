import { useEffect, useId, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { dayNumberOf, isoDateOfDay } from '@shared/dates'
import { readIsoDate } from '@shared/field-input'

/**
 * A date typed and shown as YYYY-MM-DD, as every other date on screen, whatever the computer's
 * language (a browser's date input shows its own, 12/11/2024 in the US). The text is kept as typed;
 * a finished date that is not one (2024-02-30) is refused in words under the field, and so is an
 * unfinished one when the field is left. Up and Down step a day; nothing here needs a pointer.
 */
export function DateField({
  label,
  value,
  onChange,
  min,
  max,
  refuseOutside = true,
  optional = false,
  name,
  testId,
  required
}: {
  /** The field's name in refusals and for screen readers ("Date", "From"). */
  label: string
  /** The date shown: '' for none. When it changes from outside, the field shows it. */
  value: string
  /** Every change of the text, as typed; callers read it with readIsoDate before using it. */
  onChange: (text: string) => void
  min?: string
  max?: string
  /** Refuse dates outside min..max (otherwise they only bound the arrow keys). */
  refuseOutside?: boolean
  optional?: boolean
  name?: string
  testId?: string
  required?: boolean
}) {
  const [text, setText] = useState(value)
  const [left, setLeft] = useState(false)
  const errorId = useId()

  // A date chosen elsewhere (a click on the chart) replaces what the field shows.
  useEffect(() => {
    setText(value)
    setLeft(false)
  }, [value])

  const bounds = refuseOutside ? { min, max, optional } : { optional }
  const read = readIsoDate(text, label, bounds)
  // Refused while typing only once the text is as long as a date; an unfinished one when left.
  const problem = !read.ok && (left || text.trim().length >= 10) ? read.message : null

  const change = (next: string) => {
    setText(next)
    onChange(next)
  }
  const step = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') setLeft(true)
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return
    event.preventDefault()
    const fallback = max ?? isoDateOfDay(Math.floor(Date.now() / 86_400_000))
    const from = dayNumberOf(text.trim()) ?? dayNumberOf(fallback)
    if (from === null) return
    let next = isoDateOfDay(from + (text.trim() === '' ? 0 : event.key === 'ArrowUp' ? 1 : -1))
    if (min !== undefined && next < min) next = min
    if (max !== undefined && next > max) next = max
    change(next)
  }

  return (
    <span className="date-field">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="YYYY-MM-DD"
        maxLength={10}
        size={11}
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        data-testid={testId}
        name={name}
        required={required}
        // Ignored by the browser on a text field (no message of its own): the first and last day offered, for reading.
        min={min}
        max={max}
        value={text}
        onChange={(e) => change(e.target.value)}
        onBlur={() => setLeft(true)}
        onKeyDown={step}
      />
      {problem ? (
        <span role="alert" className="field-error" id={errorId} data-testid={testId ? `${testId}-error` : undefined}>
          {problem}
        </span>
      ) : null}
    </span>
  )
}
