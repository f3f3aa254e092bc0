import { indexTops, indexWindows } from '@shared/domain'
import type { IndexTop, IndexWindow } from '@shared/domain'

export interface Variant {
  top: IndexTop
  window: IndexWindow
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
        options={indexTops.map((top) => ({ value: top, label: `Top ${top}` }))}
        onChange={(top) => onChange({ ...variant, top })}
      />
      <Segmented
        label="Return window"
        testId="variant-window"
        value={variant.window}
        options={indexWindows.map((window) => ({ value: window, label: `${window} days` }))}
        onChange={(window) => onChange({ ...variant, window })}
      />
    </div>
  )
}
