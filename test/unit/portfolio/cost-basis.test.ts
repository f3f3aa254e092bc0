import { describe, expect, it } from 'vitest'
import type { CostMethod, TxKind } from '../../../src/shared/contract/portfolio'
import { dayNumberOf } from '../../../src/shared/dates'
import { runLedger } from '../../../src/main/portfolio/ledger/run-ledger'
import type { LedgerTx, PriceLookup } from '../../../src/main/portfolio/ledger/types'
import { formatDecimal } from '../../../src/main/portfolio/decimal'
import { toLedgerTx } from '../../../src/main/portfolio/ledger-load'

const at = (date: string) => Date.parse(`${date}T12:00:00Z`)
let nextId = 1
function tx(
  kind: TxKind,
  date: string,
  symbol: string,
  coinId: string | null,
  quantity: string,
  extra: Partial<Record<string, string | null>> = {}
): LedgerTx {
  return toLedgerTx({
    id: nextId++,
    kind,
    at: at(date),
    symbol,
    coinId,
    quantity,
    quoteSymbol: extra.quoteSymbol ?? null,
    quoteCoinId: extra.quoteCoinId ?? null,
    quoteQuantity: extra.quoteQuantity ?? null,
    feeSymbol: extra.feeSymbol ?? null,
    feeCoinId: extra.feeCoinId ?? null,
    feeQuantity: extra.feeQuantity ?? null,
    valueUsd: extra.valueUsd ?? null,
    valueSource: extra.valueUsd ? 'file' : null,
    feeValueUsd: null,
    note: null,
    source: 'test',
    line: null
  })
}
const noPrices: PriceLookup = () => null
function summary(txs: LedgerTx[], method: CostMethod, prices: PriceLookup = noPrices) {
  const result = runLedger(txs, method, prices)
  const out: Record<
    string,
    {
      quantity: string
      realized: string
      unknownGains?: number
      lots: { date: string; quantity: string; cost: string | null }[]
    }
  > = {}
  for (const p of result.positions.values()) {
    // Realized: the known gains of this asset's disposals; the unknown ones are counted apart.
    let realized = 0n
    let unknown = 0
    for (const d of result.disposals.filter((x) => x.key === p.key)) {
      const cost = d.parts.some((part) => part.cost === null)
        ? null
        : d.parts.reduce((sum, part) => sum + (part.cost ?? 0n), 0n)
      if (cost === null || d.proceeds === null) unknown += 1
      else realized += d.proceeds - cost
    }
    out[p.key] = {
      quantity: formatDecimal(p.quantity),
      realized: formatDecimal(realized),
      ...(unknown > 0 ? { unknownGains: unknown } : {}),
      lots: p.lots.map((l) => ({
        date: new Date(l.acquiredAt).toISOString().slice(0, 10),
        quantity: formatDecimal(l.quantity),
        cost: l.cost === null ? null : formatDecimal(l.cost)
      }))
    }
  }
  return { out, warnings: result.warnings }
}

// Worked by hand: 1 BTC at $10,000 (Jan), 1 BTC at $20,000 (Feb), then 1.5 BTC sold for $45,000.
const partialSell = () => [
  tx('buy', '2024-01-10', 'BTC', 'bitcoin', '1', { quoteSymbol: 'USD', quoteQuantity: '10000' }),
  tx('buy', '2024-02-10', 'BTC', 'bitcoin', '1', { quoteSymbol: 'USD', quoteQuantity: '20000' }),
  tx('sell', '2024-03-10', 'BTC', 'bitcoin', '1.5', { quoteSymbol: 'USD', quoteQuantity: '45000' })
]

describe('cost basis', () => {
  it('FIFO sells the oldest lot first and splits the next one', () => {
    const { out, warnings } = summary(partialSell(), 'fifo')
    // basis 10,000 + 0.5 × 20,000 = 20,000; gain 45,000 − 20,000 = 25,000
    expect(out.bitcoin).toEqual({
      quantity: '0.5',
      realized: '25000',
      lots: [{ date: '2024-02-10', quantity: '0.5', cost: '10000' }]
    })
    expect(warnings).toEqual([])
  })

  it('a fee paid in dollars raises the cost of a buy and lowers the proceeds of a sale', () => {
    const txs = [
      tx('buy', '2024-01-10', 'BTC', 'bitcoin', '0.1', {
        quoteSymbol: 'USD',
        quoteQuantity: '4000',
        feeSymbol: 'USD',
        feeQuantity: '12.49'
      }),
      tx('sell', '2024-02-10', 'BTC', 'bitcoin', '0.05', {
        quoteSymbol: 'USD',
        quoteQuantity: '2500',
        feeSymbol: 'USD',
        feeQuantity: '3.95'
      })
    ]
    const { out, warnings } = summary(txs, 'fifo')
    // basis of the half sold: 4,012.49 / 2 = 2,006.245; gain 2,500 − 3.95 − 2,006.245 = 489.805
    expect(out.bitcoin).toEqual({
      quantity: '0.05',
      realized: '489.805',
      lots: [{ date: '2024-01-10', quantity: '0.05', cost: '2006.245' }]
    })
    expect(Object.keys(out)).toEqual(['bitcoin'])
    expect(warnings).toEqual([])
  })

  it('HIFO sells the dearest lot first', () => {
    const { out } = summary(partialSell(), 'hifo')
    // basis 20,000 + 0.5 × 10,000 = 25,000; gain 20,000
    expect(out.bitcoin).toEqual({
      quantity: '0.5',
      realized: '20000',
      lots: [{ date: '2024-01-10', quantity: '0.5', cost: '5000' }]
    })
  })

  it('average cost pools the lots', () => {
    const { out } = summary(partialSell(), 'average')
    // average 15,000 a coin; basis 22,500; gain 22,500; 0.5 left at 15,000 a coin
    expect(out.bitcoin).toEqual({
      quantity: '0.5',
      realized: '22500',
      lots: [{ date: '2024-01-10', quantity: '0.5', cost: '7500' }]
    })
  })

  it('a trade disposes of one asset and acquires the other, with a fee paid in a third', () => {
    const prices: PriceLookup = (coin, day) =>
      coin === 'binancecoin' && day === dayNumberOf('2024-03-01') ? 400 : null
    const txs = [
      tx('buy', '2024-01-05', 'ETH', 'ethereum', '2', { quoteSymbol: 'USD', quoteQuantity: '2000' }),
      tx('buy', '2024-01-06', 'BNB', 'binancecoin', '1', { quoteSymbol: 'USD', quoteQuantity: '300' }),
      // 1 ETH for 0.05 BTC, worth $1,500, fee 0.1 BNB (0.1 × $400 = $40)
      tx('trade', '2024-03-01', 'BTC', 'bitcoin', '0.05', {
        quoteSymbol: 'ETH',
        quoteCoinId: 'ethereum',
        quoteQuantity: '1',
        valueUsd: '1500',
        feeSymbol: 'BNB',
        feeCoinId: 'binancecoin',
        feeQuantity: '0.1'
      })
    ]
    const { out, warnings } = summary(txs, 'fifo', prices)
    expect(out.bitcoin).toEqual({
      quantity: '0.05',
      realized: '0',
      lots: [{ date: '2024-03-01', quantity: '0.05', cost: '1540' }]
    })
    expect(out.ethereum).toEqual({
      quantity: '1',
      realized: '500',
      lots: [{ date: '2024-01-05', quantity: '1', cost: '1000' }]
    })
    // The fee is a disposal of BNB at its market value: $40 against a $30 basis.
    expect(out.binancecoin).toEqual({
      quantity: '0.9',
      realized: '10',
      lots: [{ date: '2024-01-06', quantity: '0.9', cost: '270' }]
    })
    expect(warnings).toEqual([])
  })

  it('a transfer out and back in keeps the original lot, date and cost; its network fee is a disposal at market value', () => {
    const prices: PriceLookup = (coin, day) => (coin === 'ethereum' && day === dayNumberOf('2024-03-01') ? 2500 : null)
    const txs = [
      tx('buy', '2024-01-01', 'ETH', 'ethereum', '1', { quoteSymbol: 'USD', quoteQuantity: '1000' }),
      tx('buy', '2024-02-01', 'ETH', 'ethereum', '1', { quoteSymbol: 'USD', quoteQuantity: '3000' }),
      tx('transfer_out', '2024-03-01', 'ETH', 'ethereum', '1', {
        feeSymbol: 'ETH',
        feeCoinId: 'ethereum',
        feeQuantity: '0.01'
      }),
      tx('transfer_in', '2024-03-02', 'ETH', 'ethereum', '1'),
      tx('sell', '2024-04-01', 'ETH', 'ethereum', '1', { quoteSymbol: 'USD', quoteQuantity: '2000' })
    ]
    const { out } = summary(txs, 'fifo', prices)
    // The move leaves both lots in place (L4). The network fee disposes of 0.01 ETH of the Jan lot
    // at its value, 0.01 × 2,500 = 25, against $10 of basis: +15 (L3). The sale then takes the
    // rest of the Jan lot and 0.01 of the Feb lot: 2,000 − (990 + 30) = +980. Realized +995.
    expect(out.ethereum?.realized).toBe('995')
    expect(out.ethereum?.quantity).toBe('0.99')
    expect(out.ethereum?.lots).toEqual([{ date: '2024-02-01', quantity: '0.99', cost: '2970' }])
  })

  it('coins received from outside get their market value as basis, income too', () => {
    const prices: PriceLookup = (coin) => (coin === 'solana' ? 150 : null)
    const txs = [
      tx('transfer_in', '2024-05-01', 'SOL', 'solana', '10'),
      tx('income', '2024-05-02', 'SOL', 'solana', '0.5')
    ]
    const { out } = summary(txs, 'fifo', prices)
    expect(out.solana?.lots).toEqual([
      { date: '2024-05-01', quantity: '10', cost: '1500' },
      { date: '2024-05-02', quantity: '0.5', cost: '75' }
    ])
  })

  it('warns when a disposal takes more than is held: its basis is unknown, and later coins cover it', () => {
    const txs = [
      tx('sell', '2024-01-01', 'BTC', 'bitcoin', '1', { quoteSymbol: 'USD', quoteQuantity: '40000' }),
      tx('buy', '2024-01-02', 'BTC', 'bitcoin', '3', { quoteSymbol: 'USD', quoteQuantity: '120000' })
    ]
    const { out, warnings } = summary(txs, 'fifo')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.message).toMatch(/BTC balance falls to -1 on 2024-01-01/)
    expect(out.bitcoin).toEqual({
      quantity: '2',
      realized: '0',
      unknownGains: 1,
      lots: [{ date: '2024-01-02', quantity: '2', cost: '80000' }]
    })
  })

  it('keeps balances exact: 0.1 + 0.2 − 0.3 is zero', () => {
    const txs = [
      tx('transfer_in', '2024-01-01', 'ETH', 'ethereum', '0.1', { valueUsd: '100' }),
      tx('transfer_in', '2024-01-02', 'ETH', 'ethereum', '0.2', { valueUsd: '200' }),
      tx('sell', '2024-01-03', 'ETH', 'ethereum', '0.3', { quoteSymbol: 'USD', quoteQuantity: '330' })
    ]
    const { out, warnings } = summary(txs, 'fifo')
    expect(out.ethereum).toEqual({ quantity: '0', realized: '30', lots: [] })
    expect(warnings).toEqual([])
  })

  it('a "holding" entry sets the balance, adding a lot at that day\'s price or removing without a sale', () => {
    const prices: PriceLookup = (coin) => (coin === 'cardano' ? 0.5 : null)
    const txs = [
      tx('holding', '2024-06-01', 'ADA', 'cardano', '1000'),
      tx('holding', '2024-07-01', 'ADA', 'cardano', '400')
    ]
    const { out } = summary(txs, 'fifo', prices)
    expect(out.cardano).toEqual({
      quantity: '400',
      realized: '0',
      lots: [{ date: '2024-06-01', quantity: '400', cost: '200' }]
    })
  })
})
