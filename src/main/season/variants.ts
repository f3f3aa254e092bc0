import { AppError } from '../../shared/errors'
import { indexTops, indexWindows, isIndexTop, isIndexWindow } from '../../shared/domain'
import type { IndexTop, IndexWindow } from '../../shared/domain'
import type { Settings } from '../../shared/settings'
import { AS_OF_LIMIT_DAYS } from '../market/as-of'
import { PEG_WINDOW_DAYS } from './peg-detector'

/**
 * Bump when the methodology, the curated list or what the history stores changes: stored history
 * is then recomputed (2: each coin's daily rank is stored too).
 */
export const SEASON_ENGINE_VERSION = 2

/** One variant of the index (DESIGN.md 1.9), with peg detection on or off. */
export interface Variant {
  top: IndexTop
  window: IndexWindow
  pegDetection: boolean
}

export interface VariantInput {
  top?: number
  window?: number
  pegDetection?: boolean
}

/** The variant asked for, the settings' defaults filling in what was not. */
export function resolveVariant(input: VariantInput, settings: Settings): Variant {
  const top = input.top ?? settings.defaultTop
  const window = input.window ?? settings.defaultWindow
  if (!isIndexTop(top))
    throw new AppError('VALIDATION', `Coins in the index must be one of ${indexTops.join(', ')}, not ${top}.`)
  if (!isIndexWindow(window))
    throw new AppError('VALIDATION', `The window must be one of ${indexWindows.join(', ')} days, not ${window}.`)
  return { top, window, pegDetection: input.pegDetection ?? settings.pegDetection }
}

/**
 * What the stored history was computed with: the engine version and every variant. Stored beside
 * the history, so a new window or universe size (or a new engine) recomputes it by itself.
 */
export function variantSignature(): string {
  return `engine ${SEASON_ENGINE_VERSION}; tops ${indexTops.join(',')}; windows ${indexWindows.join(',')}; peg on,off`
}

/**
 * The day ranges whose raw values decide the index on days [from, to]: the peg window (30 days of
 * as-of prices, each reaching 2 days back) and, per window W, the as-of prices at d - W.
 * Loading only these keeps a one-day update small.
 */
export function inputRanges(from: number, to: number, windows: readonly number[] = indexWindows): [number, number][] {
  const ranges: [number, number][] = [[from - (PEG_WINDOW_DAYS - 1) - AS_OF_LIMIT_DAYS, to]]
  for (const w of windows) ranges.push([from - w - AS_OF_LIMIT_DAYS, to - w])
  ranges.sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}
