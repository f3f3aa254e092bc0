import { isFiat } from '../assets'
import type { Decimal } from '../decimal'
import { assetKey } from './types'
import type { LedgerTx } from './types'

/** An arrival may be recorded this long before its departure (exchanges' clocks and queues differ). */
export const ARRIVAL_BEFORE_DEPARTURE_MS = 3 * 86_400_000
/** What arrives must be at least this share of what left (the rest went to network fees). */
const MIN_ARRIVED_PER_MILLE = 950n

export interface Move {
  out: number
  in: number
  /** What left but did not arrive: a network fee (L3), besides any fee leg the records name. */
  shortfall: Decimal
}

/**
 * Pairs each transfer in with the transfer out it completes (docs/cost-basis.md, L4): same coin,
 * at most what left and at least 95% of it, recorded no more than 3 days before the departure.
 * Arrivals are taken in time order, each matched with the unmatched departure nearest in time
 * (the earlier one on a tie). Returns the moves by the id of each of their two transactions.
 */
export function matchTransfers(txs: readonly LedgerTx[]): Map<number, Move> {
  const outs = new Map<string, LedgerTx[]>()
  for (const tx of txs) {
    if (tx.kind !== 'transfer_out' || isFiat(tx.asset.symbol)) continue
    const key = assetKey(tx.asset)
    const list = outs.get(key)
    if (list) list.push(tx)
    else outs.set(key, [tx])
  }
  const moves = new Map<number, Move>()
  for (const arrival of txs) {
    if (arrival.kind !== 'transfer_in' || isFiat(arrival.asset.symbol)) continue
    const candidates = outs.get(assetKey(arrival.asset))
    if (!candidates) continue
    const got = arrival.asset.quantity
    let best = -1
    let bestDistance = Infinity
    for (let i = 0; i < candidates.length; i += 1) {
      const departure = candidates[i] as LedgerTx
      if (departure.at > arrival.at + ARRIVAL_BEFORE_DEPARTURE_MS) break
      const sent = departure.asset.quantity
      if (got > sent || got * 1000n < sent * MIN_ARRIVED_PER_MILLE) continue
      const distance = Math.abs(arrival.at - departure.at)
      if (distance < bestDistance) {
        best = i
        bestDistance = distance
      }
    }
    if (best < 0) continue
    const departure = candidates.splice(best, 1)[0] as LedgerTx
    const move: Move = { out: departure.id, in: arrival.id, shortfall: departure.asset.quantity - got }
    moves.set(departure.id, move)
    moves.set(arrival.id, move)
  }
  return moves
}
