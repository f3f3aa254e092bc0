import { describe, expect, it } from 'vitest'
import type { CoinDay, CoinPage } from '../../../src/shared/contract/coins'
import {
  daysInRange,
  membershipSentence,
  statusCounts,
  transitions,
  windowStart,
  windowWords
} from '../../../src/renderer/src/features/coins/coin-format'
import { sortWatchlist } from '../../../src/renderer/src/features/coins/coin-format'
import type { WatchlistItem } from '../../../src/shared/contract/coins'

function day(date: string, over: Partial<CoinDay> = {}): CoinDay {
  return {
    date,
    price: 10,
    priceBtc: 0.0002,
    marketCap: 1e9,
    volume: 1e7,
    status: 'outside',
    rank: null,
    ratio: null,
    btcRatio: null,
    outperforms: null,
    reason: null,
    pegSpread: null,
    ...over
  }
}

describe('coin page words', () => {
  it('names the days a coin entered and left the counted universe, newest first', () => {
    const days = [
      day('2025-01-01'),
      day('2025-01-02', { rank: 99, status: 'ranked' }),
      day('2025-01-03', { rank: 97, status: 'measured', ratio: 1.1 }),
      day('2025-01-04'),
      day('2025-01-05', { rank: 100, status: 'outperformer', ratio: 2 })
    ]
    expect(transitions(days)).toEqual([
      { date: '2025-01-05', entered: true },
      { date: '2025-01-04', entered: false },
      { date: '2025-01-02', entered: true }
    ])
    expect(statusCounts(days)).toEqual({ outperformer: 1, measured: 1, ranked: 1, excluded: 0, outside: 2 })
  })

  it('says why a coin was out, with the peg evidence, and its window return against Bitcoin', () => {
    const pegged = day('2025-03-01', { status: 'excluded', reason: 'pegged:usd', pegSpread: 1.0123 })
    expect(membershipSentence(pegged, 100)).toBe(
      'Excluded: Moved with the US dollar (within 2% for 30 days) (its price ratio spread 1.23% over 30 days)'
    )
    const counted = day('2025-03-01', { status: 'outperformer', rank: 7, ratio: 1.5, btcRatio: 1.2 })
    expect(membershipSentence(counted, 50)).toBe('Counted, beat Bitcoin — rank 7 of the top 50')
    expect(windowWords(counted, 90)).toMatch(/^\+50(\.0)?% over the 90 days to 2025-03-01; Bitcoin \+20(\.0)?%\.$/)
    expect(windowWords(day('2025-03-01'), 90)).toBe('No price 90 days before 2025-03-01: the window return is unknown.')
    expect(windowStart('2025-03-01', 90)).toBe('2024-12-01')
  })

  it('cuts the range at the last day', () => {
    const page = { days: [day('2024-01-01'), day('2024-09-01'), day('2025-01-10')] } as unknown as CoinPage
    expect(daysInRange(page, '3m').map((d) => d.date)).toEqual(['2025-01-10'])
    expect(daysInRange(page, '1y').map((d) => d.date)).toEqual(['2024-09-01', '2025-01-10'])
    expect(daysInRange(page, 'all')).toHaveLength(3)
  })
})

describe('watchlist sorting', () => {
  const item = (coinId: string, change24h: number | null): WatchlistItem => ({
    coinId,
    symbol: coinId,
    name: coinId,
    price: 1,
    change24h,
    change7d: null,
    change30d: null,
    windowRatio: null,
    btcWindowRatio: null,
    beatsBitcoin: null,
    sparkline: [],
    addedAt: 0
  })
  it('sorts by a column either way, unknown values last both ways', () => {
    const items = [item('a', 0.1), item('b', null), item('c', -0.2), item('d', 0.3)]
    expect(sortWatchlist(items, 'change24h', true).map((i) => i.coinId)).toEqual(['d', 'a', 'c', 'b'])
    expect(sortWatchlist(items, 'change24h', false).map((i) => i.coinId)).toEqual(['c', 'a', 'd', 'b'])
  })
})
