/**
 * The money side of a rebalance, shared by the hints and the backtest. Every trade settles against
 * stablecoins (the cash sleeve): buying Bitcoin or an altcoin spends stablecoins, selling adds to
 * them, and each such trade pays `feeRate` of its value. Stablecoins themselves are never "traded";
 * they take whatever is left, so fees come out of them.
 */
export interface Slot {
  /** Value in USD now. */
  value: number
  /** Fraction of the portfolio this slot should hold after the trades. */
  target: number
}

export interface RebalanceSolution {
  /** Per slot: positive buys, negative sells, in USD of trade value (before fees). */
  deltas: number[]
  /** Total fees paid. */
  fee: number
  /** Portfolio value after the trades (before minus fees). */
  totalAfter: number
}

/**
 * Trades that put every slot exactly on its target fraction of the value left after fees. The fee
 * depends on the trades and the trades on the value after fees, so this iterates the fixed point
 * F = f * sum |t_i (V - F) - x_i|; it contracts by at most f per step and converges in a few rounds.
 */
export function solveRebalance(slots: readonly Slot[], cash: number, feeRate: number): RebalanceSolution {
  const total = cash + slots.reduce((sum, s) => sum + s.value, 0)
  let fee = 0
  for (let i = 0; i < 100; i += 1) {
    const next = feeRate * slots.reduce((sum, s) => sum + Math.abs(s.target * (total - fee) - s.value), 0)
    const settled = Math.abs(next - fee) < 1e-9
    fee = next
    if (settled) break
  }
  return { deltas: slots.map((s) => s.target * (total - fee) - s.value), fee, totalAfter: total - fee }
}

export interface ContributionSolution {
  /** Per slot: the amount to buy (never negative), before fees. */
  buys: number[]
  fee: number
  /** What stays in stablecoins from the contribution. */
  leftover: number
}

/**
 * Buy-only: spends a new contribution so that the sleeves get as close to their targets as buying
 * alone allows. The most underweight slots are filled first, all to the same level: find the
 * portfolio size L at which buying each slot up to t_i * L (plus fees), with the stablecoin
 * sleeve's own shortfall kept as cash, uses exactly the contribution. Nothing is sold.
 */
export function solveContribution(
  slots: readonly Slot[],
  cash: number,
  cashTarget: number,
  contribution: number,
  feeRate: number
): ContributionSolution {
  if (contribution <= 0) return { buys: slots.map(() => 0), fee: 0, leftover: 0 }
  // Spending as a function of L is piecewise linear: a sleeve starts to take money once L passes
  // value / target. Walk the sleeves in that order and solve the linear piece exactly.
  const sleevesToFill = [
    ...slots.map((s) => ({ value: s.value, target: s.target, cost: 1 + feeRate })),
    { value: cash, target: cashTarget, cost: 1 }
  ]
    .filter((s) => s.target > 0)
    .sort((a, b) => a.value / a.target - b.value / b.target)
  if (sleevesToFill.length === 0) return { buys: slots.map(() => 0), fee: 0, leftover: contribution }
  let weight = 0
  let offset = 0
  let level = 0
  for (let i = 0; i < sleevesToFill.length; i += 1) {
    const sleeve = sleevesToFill[i] as (typeof sleevesToFill)[number]
    weight += sleeve.cost * sleeve.target
    offset += sleeve.cost * sleeve.value
    level = (contribution + offset) / weight
    const next = sleevesToFill[i + 1]
    if (!next || level <= next.value / next.target) break
  }
  const buys = slots.map((s) => Math.max(0, s.target * level - s.value))
  const bought = buys.reduce((sum, b) => sum + b, 0)
  const fee = feeRate * bought
  return { buys, fee, leftover: Math.max(0, contribution - bought - fee) }
}
