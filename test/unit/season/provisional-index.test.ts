import { describe, expect, it } from 'vitest'
import { marketCoinSchema } from '../../../src/main/market/provider-schemas'
import type { SnapshotChange } from '../../../src/main/market/market-reads'
import { computeProvisional } from '../../../src/main/season/provisional-index'

const TODAY = 20_000 // 2024-10-04

function row(id: string, rank: number, marketCap: number | null, change30d: number | null, change1y: number | null) {
  return { id, day: TODAY, rank, marketCap, change30d, change1y } satisfies SnapshotChange
}

// A market snapshot as the provider reports it: bitcoin +10 % over 30 days and +120 % over a year.
const changes: SnapshotChange[] = [
  row('bitcoin', 1, 1.2e12, 10, 120),
  row('ethereum', 2, 3.1e11, 12.5, 80),
  row('tether', 3, 1.2e11, 0.01, 0.02),
  row('solana', 4, 6.5e10, -3, 400),
  row('bnb', 5, 8.5e10, 9.99, 130),
  row('usd-coin', 6, 3.5e10, 0, 0),
  row('dogecoin', 7, 2e10, 25, null),
  row('some-stable', 8, 1.5e10, 0.1, 0.1),
  row('tron', 9, 1.4e10, 10, 120)
]
const input = {
  changes,
  categories: new Map([['some-stable', ['stablecoins']]]),
  coins: new Map(),
  categoriesKnown: true,
  today: TODAY
}

describe('provisional index from the market snapshot', () => {
  it('ranks by market cap after the fixed exclusions and counts a coin as outperforming when (1+c)/(1+btc) > 1', () => {
    const index = computeProvisional(input, 50, 30)
    expect(index).not.toBeNull()
    // Ranked by cap: ethereum, bnb (cap above solana's), solana, dogecoin, tron; the stables are out.
    expect(index?.coins.map((c) => c.id)).toEqual(['ethereum', 'bnb', 'solana', 'dogecoin', 'tron'])
    // Coins the test's map does not name are listed by their id as ticker and name.
    expect(index?.excluded).toEqual([
      { id: 'tether', symbol: 'tether', name: 'tether', reason: 'curated' },
      { id: 'usd-coin', symbol: 'usd-coin', name: 'usd-coin', reason: 'curated' },
      { id: 'some-stable', symbol: 'some-stable', name: 'some-stable', reason: 'category:stablecoins' }
    ])
    // ethereum 1.125 and dogecoin 1.25 beat 1.10; bnb 1.0999, solana 0.97 and tron (equal) do not.
    expect(index?.coins.map((c) => c.outperforms)).toEqual([true, false, false, true, false])
    expect(index).toMatchObject({ value: 40, outperformers: 2, measured: 5, unmeasured: 0, provisional: true })
    expect(index?.btcRatio).toBeCloseTo(1.1, 12)
    expect(index?.provisionalReason).toMatch(/^Provisional: .*30-day.*peg detector.*not applied/)
  })

  it('uses the 1-year change for the 365-day window, leaving coins without one unmeasured', () => {
    const index = computeProvisional(input, 50, 365)
    // solana 5.0 beats 2.2; ethereum 1.8, bnb 2.3 (beats), tron equal; dogecoin has no 1-year change.
    expect(index).toMatchObject({ value: 50, outperformers: 2, measured: 4, unmeasured: 1, window: 365 })
  })

  it('keeps the universe size', () => {
    expect(computeProvisional(input, 50, 30)?.coins).toHaveLength(5)
    const many = Array.from({ length: 80 }, (_, i) => row(`alt-${i}`, i + 10, 1e9 - i, 20, 20))
    expect(computeProvisional({ ...input, changes: [...changes, ...many] }, 50, 30)?.coins).toHaveLength(50)
  })

  it('gives nothing without bitcoin’s change, from an older snapshot, or without any measured coin', () => {
    expect(computeProvisional({ ...input, changes: changes.slice(1) }, 50, 30)).toBeNull()
    expect(computeProvisional({ ...input, today: TODAY + 1 }, 50, 30)).toBeNull()
    const noAlts = changes.map((c) => (c.id === 'bitcoin' ? c : { ...c, change30d: null }))
    expect(computeProvisional({ ...input, changes: noAlts }, 50, 30)).toBeNull()
  })

  it('says when the categories are not in yet', () => {
    expect(computeProvisional({ ...input, categoriesKnown: false }, 50, 30)?.provisionalReason).toMatch(
      /built-in list only/
    )
  })
})

describe('the snapshot’s price changes as the provider sends them', () => {
  const base = { id: 'x', symbol: 'x', name: 'X', current_price: 1, market_cap: 1, last_updated: null }
  it('reads the 30-day and 1-year changes, and drops impossible or mistyped ones without failing the coin', () => {
    const read = (extra: object) => marketCoinSchema.parse({ ...base, ...extra })
    expect(
      read({ price_change_percentage_30d_in_currency: -12.5, price_change_percentage_1y_in_currency: 340 })
    ).toMatchObject({ price_change_percentage_30d_in_currency: -12.5, price_change_percentage_1y_in_currency: 340 })
    expect(read({})).toMatchObject({ id: 'x' })
    for (const bad of [-100, -150, 1e9, '12', Number.NaN])
      expect(read({ price_change_percentage_30d_in_currency: bad }).price_change_percentage_30d_in_currency).toBeNull()
  })
})
