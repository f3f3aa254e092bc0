import type { AssetDetail } from '../../../shared/contract/reports'
import { isoDateOfDay } from '../../../shared/dates'
import type { CostMethod } from '../../../shared/domain'
import { createLocalDates, termOf } from '../../../shared/tax-dates'
import type { PriceBook } from '../../market/price-book'
import type { Decimal } from '../decimal'
import { floatRatio, formatCents, formatDecimal } from '../decimal'
import type { LedgerResult } from '../ledger/types'

const cents = (value: Decimal | null) => (value === null ? null : formatCents(value))

/** One holding opened (a coin id, or `symbol:XYZ` before it is matched): lots, disposals, gains. */
export function assetDetail(
  result: LedgerResult,
  book: PriceBook,
  key: string,
  options: { method: CostMethod; timeZone: string; name: string | null }
): AssetDetail | null {
  const position = result.positions.get(key)
  if (!position) return null
  const dateOf = createLocalDates(options.timeZone)
  const latest = position.coinId ? book.latest(position.coinId) : null
  let realized = 0n
  let unknownGains = 0
  const disposals = result.disposals
    .filter((d) => d.key === key)
    .map((d) => {
      const sold = dateOf(d.at)
      let cost: Decimal | null = 0n
      for (const part of d.parts) cost = cost === null || part.cost === null ? null : cost + part.cost
      const gain = cost === null || d.proceeds === null ? null : d.proceeds - cost
      if (gain === null) unknownGains += 1
      else realized += gain
      return {
        txId: d.txId,
        date: sold,
        cause: d.cause,
        quantity: formatDecimal(d.quantity),
        proceeds: cents(d.proceeds),
        costBasis: cents(cost),
        gain: cents(gain),
        proceedsSource: d.proceedsSource,
        lots: d.parts.map((part) => {
          const acquired = part.lot ? dateOf(part.lot.acquiredAt) : null
          return {
            acquired,
            quantity: formatDecimal(part.quantity),
            costBasis: cents(part.cost),
            term: acquired === null ? null : termOf(acquired, sold)
          }
        })
      }
    })
  let income = 0n
  let unknownIncome = 0
  for (const i of result.incomes) {
    if (i.key !== key) continue
    if (i.value === null) unknownIncome += 1
    else income += i.value
  }
  return {
    key,
    coinId: position.coinId,
    symbol: position.symbol,
    name: options.name,
    method: options.method,
    timeZone: options.timeZone,
    quantity: formatDecimal(position.quantity),
    price: latest?.price ?? null,
    asOf: latest ? isoDateOfDay(latest.day) : null,
    lots: position.lots.map((lot) => ({
      txId: lot.txId,
      acquired: dateOf(lot.acquiredAt),
      quantity: formatDecimal(lot.quantity),
      costPerUnit: floatRatio(lot.cost, lot.quantity),
      cost: cents(lot.cost),
      costSources: lot.costSources
    })),
    disposals: disposals.reverse(),
    realized: formatCents(realized),
    unknownGains,
    income: formatCents(income),
    unknownIncome
  }
}
