import type { CostMethod } from '../../../shared/domain'

export interface OpenLot {
  coinId: string
  /** ISO date or timestamp string; compared as text, so it must be ISO. */
  acquiredAt: string
  quantity: number
  /** null when the lot's cost is unknown (docs/cost-basis.md, V3). */
  costPerUnit: number | null
}

export interface ConsumedLot {
  acquiredAt: string
  quantity: number
  costPerUnit: number | null
}

export interface SellPreview {
  lots: ConsumedLot[]
  /** Cost basis of the quantity sold; null when a lot it takes has an unknown cost. */
  costBasis: number | null
  /** Proceeds after the estimated fee. */
  proceeds: number
  realizedGain: number | null
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
  // HIFO puts lots of unknown cost after every known one (L6).
  const unit = (lot: OpenLot) => lot.costPerUnit ?? -Infinity
  const ordered = [...open].sort((a, b) => {
    if (method === 'hifo' && unit(a) !== unit(b)) return unit(b) - unit(a)
    return a.acquiredAt < b.acquiredAt ? -1 : a.acquiredAt > b.acquiredAt ? 1 : 0
  })
  const pooledQuantity = open.reduce((sum, lot) => sum + lot.quantity, 0)
  const pooledCost = open.some((lot) => lot.costPerUnit === null)
    ? null
    : open.reduce((sum, lot) => sum + lot.quantity * (lot.costPerUnit ?? 0), 0)
  const average = pooledQuantity > 0 && pooledCost !== null ? pooledCost / pooledQuantity : null
  let remaining = quantity
  const consumed: ConsumedLot[] = []
  let costBasis: number | null = 0
  for (const lot of ordered) {
    if (remaining <= 1e-12) break
    const take = Math.min(lot.quantity, remaining)
    const cost = method === 'average' ? average : lot.costPerUnit
    consumed.push({ acquiredAt: lot.acquiredAt, quantity: take, costPerUnit: cost })
    costBasis = costBasis === null || cost === null ? null : costBasis + take * cost
    remaining -= take
  }
  const proceeds = quantity * price * (1 - feeRate)
  return {
    lots: consumed,
    costBasis,
    proceeds,
    realizedGain: costBasis === null ? null : proceeds - costBasis,
    uncovered: Math.max(0, remaining)
  }
}
