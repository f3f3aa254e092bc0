import { useRef } from 'react'
import type { KeyboardEvent } from 'react'

/**
 * A segmented radio group as the ARIA pattern has it: one Tab stop (the checked option), arrow keys
 * move the choice and the focus, Home and End jump to the ends.
 */
export function RadioGroup<T extends string | number>({
  label,
  testId,
  options,
  value,
  onChange
}: {
  label: string
  testId?: string
  options: readonly { value: T; label: string; testId?: string }[]
  value: T
  onChange: (v: T) => void
}) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const current = Math.max(
    0,
    options.findIndex((o) => o.value === value)
  )
  const move = (event: KeyboardEvent) => {
    const last = options.length - 1
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? current === last
          ? 0
          : current + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? current === 0
            ? last
            : current - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (next === null) return
    event.preventDefault()
    onChange(options[next]!.value)
    buttons.current[next]?.focus()
  }
  return (
    <div
      className="segmented"
      role="radiogroup"
      aria-label={label}
      data-testid={testId}
      data-value={value}
      onKeyDown={move}
    >
      {options.map((o, i) => (
        <button
          key={o.value}
          ref={(el) => {
            buttons.current[i] = el
          }}
          type="button"
          role="radio"
          aria-checked={i === current}
          tabIndex={i === current ? 0 : -1}
          data-value={o.value}
          data-testid={o.testId}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}
