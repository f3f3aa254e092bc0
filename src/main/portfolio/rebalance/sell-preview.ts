import type { CostMethod } from '../../../shared/domain'

export interface OpenLot {
  coinId: string
  /** ISO date or timestamp string; compared as text, so it must be ISO. */
  acquiredAt: string
  quantity: number
  costPerUnit: number
}

export interface ConsumedLot {
  acquiredAt: string
  quantity: number
  costPerUnit: number
}

export interface SellPreview {
  lots: ConsumedLot[]
  /** Cost basis of the quantity sold. */
  costBasis: number
  /** Proceeds after the estimated fee. */
  proceeds: number
  realizedGain: number
  /** Quantity the open lots could not cover (a holding without full records). */
  uncovered: number
}

/**
 * Which lots a sell would consume and the gain it would realize. FIFO takes the oldest lots first,
 * HIFO the most expensive (oldest first among equals), and average cost prices every unit at the
 * pooled average while taking quantities oldest first.
 */
export function previewSell(
  lots: readonly OpenLot[],
  quantity: number,
  price: number,
  feeRate: number,
  method: CostMethod
): SellPreview {
  const open = lots.filter((lot) => lot.quantity > 0)
  const ordered = [...open].sort((a, b) => {
    if (method === 'hifo' && a.costPerUnit !== b.costPerUnit) return b.costPerUnit - a.costPerUnit
    return a.acquiredAt < b.acquiredAt ? -1 : a.acquiredAt > b.acquiredAt ? 1 : 0
  })
  const pooledQuantity = open.reduce((sum, lot) => sum + lot.quantity, 0)
  const average =
    pooledQuantity > 0 ? open.reduce((sum, lot) => sum + lot.quantity * lot.costPerUnit, 0) / pooledQuantity : 0
  let remaining = quantity
  const consumed: ConsumedLot[] = []
  let costBasis = 0
  for (const lot of ordered) {
    if (remaining <= 1e-12) break
    const take = Math.min(lot.quantity, remaining)
    const cost = method === 'average' ? average : lot.costPerUnit
    consumed.push({ acquiredAt: lot.acquiredAt, quantity: take, costPerUnit: cost })
    costBasis += take * cost
    remaining -= take
  }
  const proceeds = quantity * price * (1 - feeRate)
  return { lots: consumed, costBasis, proceeds, realizedGain: proceeds - costBasis, uncovered: Math.max(0, remaining) }
}
