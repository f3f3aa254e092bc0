import { Option } from '@commander-js/extra-typings'
import { indexTops, indexWindows } from '../../../shared/domain'
import type { IndexTop, IndexWindow } from '../../../shared/domain'
import { choiceOption } from '../options'

/** Options shared by `index` and `history`: which variant of the index (DESIGN.md section 5). */
export function topOption() {
  return choiceOption(
    '--top <N>',
    indexTops,
    (list) => `universe size: ${list} (default: the setting, ${indexTops[0]})`
  )
}

export function windowOption() {
  return choiceOption(
    '--window <W>',
    indexWindows,
    (list) => `window in days: ${list} (default: the setting, ${indexWindows[0]})`
  )
}

/**
 * Both forms are declared, so that giving neither leaves the setting in charge; a lone --no-… would
 * default to true and override it.
 */
export function pegDetectOption() {
  return new Option('--peg-detect', 'exclude coins pegged to USD, BTC or ETH (default: the setting, on)')
}

export function noPegDetectOption() {
  return new Option('--no-peg-detect', 'include coins pegged to USD, BTC or ETH')
}

export function variantInput(options: { top?: IndexTop; window?: IndexWindow; pegDetect?: boolean }): {
  top?: IndexTop
  window?: IndexWindow
  pegDetection?: boolean
} {
  return { top: options.top, window: options.window, pegDetection: options.pegDetect }
}

/** Display rounds half up to an integer (DESIGN.md 1.7). */
export function displayValue(value: number): string {
  return String(Math.floor(value + 0.5))
}
