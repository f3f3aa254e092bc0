import { indexTops, indexWindows } from '@shared/domain'
import type { IndexTop, IndexWindow } from '@shared/domain'
import { RadioGroup } from '../../components/RadioGroup'

export interface Variant {
  top: IndexTop
  window: IndexWindow
}

/** Which index is shown: the universe size and the return window, switchable in place. */
export function VariantPicker({ variant, onChange }: { variant: Variant; onChange: (v: Variant) => void }) {
  return (
    <div className="variant-picker">
      <RadioGroup
        label="Coins in the index"
        testId="variant-top"
        value={variant.top}
        options={indexTops.map((top) => ({ value: top, label: `Top ${top}` }))}
        onChange={(top) => onChange({ ...variant, top })}
      />
      <RadioGroup
        label="Return window"
        testId="variant-window"
        value={variant.window}
        options={indexWindows.map((window) => ({ value: window, label: `${window} days` }))}
        onChange={(window) => onChange({ ...variant, window })}
      />
    </div>
  )
}
