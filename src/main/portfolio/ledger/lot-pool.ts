import type { CostMethod } from '../../../shared/domain'
import type { Decimal } from '../decimal'
import { div, mulDiv } from '../decimal'
import type { Lot } from './types'

/** The open lots of one coin, taken in the order of a cost-basis method (docs/cost-basis.md, L6). */
export interface LotPool {
  add(lot: Lot): void
  /** Takes up to `quantity` in the method's order; returns the pieces taken (each with its share of cost). */
  take(quantity: Decimal): Lot[]
  /** Open lots in the order they would be taken. */
  lots(): Lot[]
}

export function createLotPool(method: CostMethod): LotPool {
  if (method === 'fifo') return fifoPool()
  if (method === 'hifo') return hifoPool()
  return averagePool()
}

/** A piece of `lot`: all of it, or `quantity` of it with its share of the cost. */
function piece(lot: Lot, quantity: Decimal): Lot {
  if (quantity === lot.quantity) return { ...lot }
  const cost = lot.cost === null ? null : mulDiv(lot.cost, quantity, lot.quantity)
  return { ...lot, quantity, cost }
}

/** Removes `taken` from the lot in place. */
function shrink(lot: Lot, taken: Lot): void {
  lot.quantity -= taken.quantity
  if (lot.cost !== null && taken.cost !== null) lot.cost -= taken.cost
}

const earlier = (a: Lot, b: Lot) => a.acquiredAt - b.acquiredAt || a.seq - b.seq

/** FIFO: oldest first, ties in ledger order. Lots arrive in time order except restored ones. */
function fifoPool(): LotPool {
  const lots: Lot[] = []
  let head = 0
  return {
    add(lot) {
      let i = lots.length
      while (i > head && earlier(lots[i - 1] as Lot, lot) > 0) i -= 1
      lots.splice(i, 0, lot)
    },
    take(quantity) {
      const taken: Lot[] = []
      let left = quantity
      while (left > 0n && head < lots.length) {
        const lot = lots[head] as Lot
        const p = piece(lot, lot.quantity < left ? lot.quantity : left)
        shrink(lot, p)
        taken.push(p)
        left -= p.quantity
        if (lot.quantity === 0n) head += 1
      }
      if (head > 1024 && head * 2 > lots.length) {
        lots.splice(0, head)
        head = 0
      }
      return taken
    },
    lots: () => lots.slice(head)
  }
}

interface Ranked {
  lot: Lot
  /** Cost per unit, rounded at 18 places; null when the cost is unknown. */
  unit: Decimal | null
}

/**
 * HIFO: highest cost per unit first; equal costs oldest first, then ledger order; unknown costs
 * last. The rounded unit cost decides almost every comparison; two units equal to 18 places are
 * compared exactly (cost × the other's quantity), since they may still differ.
 */
function before(a: Ranked, b: Ranked): boolean {
  if (a.unit === null || b.unit === null) {
    if (a.unit !== b.unit) return a.unit !== null
  } else if (a.unit !== b.unit) return a.unit > b.unit
  else if (a.lot.cost !== null && b.lot.cost !== null) {
    const left = a.lot.cost * b.lot.quantity
    const right = b.lot.cost * a.lot.quantity
    if (left !== right) return left > right
  }
  return earlier(a.lot, b.lot) < 0
}

function hifoPool(): LotPool {
  const heap: Ranked[] = []
  const up = (i: number) => {
    const item = heap[i] as Ranked
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(item, heap[parent] as Ranked)) break
      heap[i] = heap[parent] as Ranked
      i = parent
    }
    heap[i] = item
  }
  const down = (i: number) => {
    const item = heap[i] as Ranked
    const n = heap.length
    for (;;) {
      let child = 2 * i + 1
      if (child >= n) break
      if (child + 1 < n && before(heap[child + 1] as Ranked, heap[child] as Ranked)) child += 1
      if (!before(heap[child] as Ranked, item)) break
      heap[i] = heap[child] as Ranked
      i = child
    }
    heap[i] = item
  }
  return {
    add(lot) {
      heap.push({ lot, unit: lot.cost === null ? null : div(lot.cost, lot.quantity) })
      up(heap.length - 1)
    },
    take(quantity) {
      const taken: Lot[] = []
      let left = quantity
      while (left > 0n && heap.length > 0) {
        const top = heap[0] as Ranked
        const p = piece(top.lot, top.lot.quantity < left ? top.lot.quantity : left)
        shrink(top.lot, p)
        taken.push(p)
        left -= p.quantity
        if (top.lot.quantity === 0n) {
          const last = heap.pop() as Ranked
          if (heap.length > 0) {
            heap[0] = last
            down(0)
          }
        }
      }
      return taken
    },
    lots() {
      const copy = [...heap]
      const out: Lot[] = []
      copy.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
      for (const item of copy) out.push(item.lot)
      return out
    }
  }
}

/**
 * Average cost: one pool per coin at its cost per unit. The pool's date is its earliest
 * acquisition since it was last empty; its cost is unknown while any part of it is.
 */
function averagePool(): LotPool {
  let pool: Lot | null = null
  return {
    add(lot) {
      if (pool === null || pool.quantity === 0n) {
        pool = { ...lot, costSources: [...lot.costSources] }
        return
      }
      pool.quantity += lot.quantity
      pool.cost = pool.cost === null || lot.cost === null ? null : pool.cost + lot.cost
      for (const source of lot.costSources) if (!pool.costSources.includes(source)) pool.costSources.push(source)
      if (earlier(lot, pool) < 0) {
        pool.acquiredAt = lot.acquiredAt
        pool.seq = lot.seq
        pool.txId = lot.txId
      }
    },
    take(quantity) {
      if (pool === null || pool.quantity === 0n) return []
      const p = piece(pool, pool.quantity < quantity ? pool.quantity : quantity)
      shrink(pool, p)
      return [p]
    },
    lots: () => (pool === null || pool.quantity === 0n ? [] : [{ ...pool }])
  }
}
