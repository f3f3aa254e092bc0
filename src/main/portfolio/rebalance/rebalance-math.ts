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
export function solveContribution(slots: readonly Slot[], cash: number, cashTarget: number, contribution: number, feeRate: number): ContributionSolution {
  if (contribution <= 0) return { buys: slots.map(() => 0), fee: 0, leftover: 0 }
  const spend = (level: number) =>
    slots.reduce((sum, s) => sum + Math.max(0, s.target * level - s.value) * (1 + feeRate), 0) + Math.max(0, cashTarget * level - cash)
  // An upper bound: at this level one sleeve with a positive target alone needs the whole contribution.
  const bounds = [...slots.map((s) => ({ value: s.value, target: s.target })), { value: cash, target: cashTarget }]
    .filter((b) => b.target > 0)
    .map((b) => (b.value + contribution) / b.target)
  if (bounds.length === 0) return { buys: slots.map(() => 0), fee: 0, leftover: contribution }
  let low = 0
  let high = Math.min(...bounds)
  for (let i = 0; i < 200 && high - low > 1e-9 * Math.max(1, high); i += 1) {
    const mid = (low + high) / 2
    if (spend(mid) > contribution) high = mid
    else low = mid
  }
  const buys = slots.map((s) => Math.max(0, s.target * low - s.value))
  const bought = buys.reduce((sum, b) => sum + b, 0)
  const fee = feeRate * bought
  return { buys, fee, leftover: Math.max(0, contribution - bought - fee) }
}
