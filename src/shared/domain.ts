import { z } from 'zod'

/**
 * The app's fixed vocabularies, each written once. Schemas, types, help texts and labels derive
 * from these tuples; a label table typed `Record<…>` makes tsc name every place a new member
 * needs words.
 */

/** Index universe sizes (DESIGN.md 1.9). The first is the default. */
export const indexTops = [100, 50] as const
export type IndexTop = (typeof indexTops)[number]
export const topSchema = z.literal(indexTops)

/** Index windows in days (DESIGN.md 1.9). The first is the default. */
export const indexWindows = [90, 30, 365] as const
export type IndexWindow = (typeof indexWindows)[number]
export const windowSchema = z.literal(indexWindows)

export const windowLabels: Record<IndexWindow, string> = {
  90: '90 days (season)',
  30: '30 days (month)',
  365: '365 days (year)'
}

export function isIndexTop(value: unknown): value is IndexTop {
  return (indexTops as readonly unknown[]).includes(value)
}

export function isIndexWindow(value: unknown): value is IndexWindow {
  return (indexWindows as readonly unknown[]).includes(value)
}

/** The regimes the index reports (DESIGN.md 1.8). */
export const regimes = ['bitcoin', 'neutral', 'altcoin'] as const
export type Regime = (typeof regimes)[number]
export const regimeSchema = z.enum(regimes)

export const regimeLabels: Record<Regime, string> = {
  bitcoin: 'Bitcoin Season',
  neutral: 'Neutral',
  altcoin: 'Altcoin Season'
}

export interface RegimeThresholds {
  /** At or below: Bitcoin Season. */
  bitcoin: number
  /** At or above: Altcoin Season. */
  altcoin: number
}

/** The index's own thresholds (DESIGN.md 1.8); users may set others for hints and alerts only. */
export const standardThresholds: RegimeThresholds = { bitcoin: 25, altcoin: 75 }

export function regimeOf(value: number, thresholds: RegimeThresholds = standardThresholds): Regime {
  if (value >= thresholds.altcoin) return 'altcoin'
  if (value <= thresholds.bitcoin) return 'bitcoin'
  return 'neutral'
}

/** How disposals are matched to the lots they came from (DESIGN.md 6.6). The first is the default. */
export const costMethods = ['fifo', 'hifo', 'average'] as const
export type CostMethod = (typeof costMethods)[number]
export const costMethodSchema = z.enum(costMethods)

export const costMethodLabels: Record<CostMethod, string> = {
  fifo: 'FIFO (first in, first out)',
  hifo: 'HIFO (highest cost first)',
  average: 'Average cost'
}

/** Exchange exports the importer reads; each has one parser (portfolio/import/formats.ts). */
export const importFormats = ['generic', 'coinbase', 'binance', 'kraken'] as const
export type ImportFormat = (typeof importFormats)[number]
export const importFormatSchema = z.enum(importFormats)

/** What each export is called on screens, in help texts and in the importer's messages. */
export const importFormatLabels: Record<ImportFormat, string> = {
  generic: 'Seasonwatch generic CSV',
  coinbase: 'Coinbase transaction history report',
  binance: 'Binance spot transaction history',
  kraken: 'Kraken ledgers (ledgers.csv)'
}

/** Where a transaction's USD value came from (docs/cost-basis.md, V1 and V2), in the order they are tried. */
export const priceSources = ['file', 'user', 'trade', 'market', 'unknown'] as const
export type PriceSource = (typeof priceSources)[number]
export const priceSourceSchema = z.enum(priceSources)

export const priceSourceLabels: Record<PriceSource, string> = {
  file: "the file's value",
  user: 'your value',
  trade: 'the other side of the trade',
  market: 'the daily price',
  unknown: 'unknown'
}

/** Holding period of a lot consumed by a disposal (docs/cost-basis.md, L7). */
export const terms = ['short', 'long'] as const
export type Term = (typeof terms)[number]
export const termSchema = z.enum(terms)
export const termLabels: Record<Term, string> = { short: 'Short term', long: 'Long term' }
