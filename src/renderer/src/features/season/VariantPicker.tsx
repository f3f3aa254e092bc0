import type { Settings } from '@shared/settings'

export interface Variant {
  top: Settings['defaultTop']
  window: Settings['defaultWindow']
}

function Segmented<T extends number>({
  label,
  testId,
  options,
  value,
  onChange
}: {
  label: string
  testId: string
  options: { value: T; label: string }[]
  value: T
  onChange: (v: T) => void
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId} data-value={value}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          data-value={o.value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}

/** Which index is shown: the universe size and the return window, switchable in place. */
export function VariantPicker({ variant, onChange }: { variant: Variant; onChange: (v: Variant) => void }) {
  return (
    <div className="variant-picker">
      <Segmented
        label="Coins in the index"
        testId="variant-top"
        value={variant.top}
        options={[
          { value: 100, label: 'Top 100' },
          { value: 50, label: 'Top 50' }
        ]}
        onChange={(top) => onChange({ ...variant, top })}
      />
      <Segmented
        label="Return window"
        testId="variant-window"
        value={variant.window}
        options={[
          { value: 90, label: '90 days' },
          { value: 30, label: '30 days' },
          { value: 365, label: '365 days' }
        ]}
        onChange={(window) => onChange({ ...variant, window })}
      />
    </div>
  )
}
