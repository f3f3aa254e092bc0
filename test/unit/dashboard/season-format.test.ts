import { describe, expect, it } from 'vitest'
import type { HistoryPoint, IndexResult } from '../../../src/shared/contract/season'
import { dayNumberOf, isoDateOfDay } from '../../../src/shared/dates'
import {
  changesFor,
  displayValue,
  edgeBar,
  edgeOverBitcoin,
  exclusionWords,
  formatReturn,
  matchesSearch,
  pointDaysBefore,
  rangeStart,
  sortCoins
} from '../../../src/shared/season-format'

/** A daily history from 2024-01-01 with values 100 * k / 58 (58 measured coins), with a gap. */
function history(days: number, gapAt: number): HistoryPoint[] {
  const first = dayNumberOf('2024-01-01')!
  const points: HistoryPoint[] = []
  for (let i = 0; i < days; i += 1) {
    if (i === gapAt) continue
    const outperformers = (i * 7) % 59
    const value = (100 * outperformers) / 58
    points.push({
      date: isoDateOfDay(first + i),
      value,
      outperformers,
      measured: 58,
      unmeasured: 3,
      regime: value >= 75 ? 'altcoin' : value <= 25 ? 'bitcoin' : 'neutral'
    })
  }
  return points
}

describe('displayValue', () => {
  it('rounds half up as DESIGN.md 1.7 says, including values that are exactly .5', () => {
    expect(displayValue((100 * 5) / 8)).toBe(63) // 62.5
    expect(displayValue((100 * 1) / 8)).toBe(13) // 12.5
    expect(displayValue((100 * 29) / 58)).toBe(50)
    expect(displayValue((100 * 1) / 3)).toBe(33)
    expect(displayValue((100 * 2) / 3)).toBe(67)
    expect(displayValue(0)).toBe(0)
    expect(displayValue(100)).toBe(100)
  })
})

describe('changes against 7 and 30 days ago', () => {
  const points = history(120, 80)

  it('finds the exact earlier day and subtracts the displayed values', () => {
    const current = points[points.length - 1]!
    const changes = changesFor(points, current)
    const week = points.find((p) => p.date === isoDateOfDay(dayNumberOf(current.date)! - 7))!
    const month = points.find((p) => p.date === isoDateOfDay(dayNumberOf(current.date)! - 30))!
    expect(changes).toEqual([
      { days: 7, date: week.date, delta: displayValue(current.value) - displayValue(week.value) },
      { days: 30, date: month.date, delta: displayValue(current.value) - displayValue(month.value) }
    ])
  })

  it('reports no change when the earlier day has no value, rather than a neighbour', () => {
    const gapDate = isoDateOfDay(dayNumberOf('2024-01-01')! + 80)
    const current = points.find((p) => p.date === isoDateOfDay(dayNumberOf(gapDate)! + 7))!
    expect(pointDaysBefore(points, current.date, 7)).toBeNull()
    expect(changesFor(points, current)[0]).toEqual({ days: 7, date: gapDate, delta: null })
  })

  it('reports nothing before the history starts', () => {
    expect(changesFor(points, points[3]!).map((c) => c.delta)).toEqual([null, null])
  })
})

// The shape season:get-index answers with, for a few coins of one day.
const day: IndexResult = {
  date: '2024-03-31',
  value: 50,
  outperformers: 2,
  measured: 4,
  unmeasured: 1,
  regime: 'neutral',
  top: 100,
  window: 90,
  btcRatio: 1.5,
  partial: null,
  staleDays: 0,
  coins: [
    { id: 'ethereum', symbol: 'eth', name: 'Ethereum', rank: 1, marketCap: 4.2e11, ratio: 1.38, outperforms: false },
    { id: 'solana', symbol: 'sol', name: 'Solana', rank: 2, marketCap: 8.1e10, ratio: 1.9, outperforms: true },
    { id: 'dogecoin', symbol: 'doge', name: 'Dogecoin', rank: 3, marketCap: 3.0e10, ratio: 2.4, outperforms: true },
    { id: 'new-coin', symbol: 'new', name: 'New Coin', rank: 4, marketCap: 2.0e10, ratio: null, outperforms: null },
    { id: 'cardano', symbol: 'ada', name: 'Cardano', rank: 5, marketCap: 2.0e10, ratio: 1.1, outperforms: false }
  ],
  excluded: [
    { id: 'tether', symbol: 'usdt', name: 'Tether', reason: 'category:stablecoins' },
    { id: 'wrapped-bitcoin', symbol: 'wbtc', name: 'Wrapped Bitcoin', reason: 'curated' },
    { id: 'paxos-gold', symbol: 'paxg', name: 'PAX Gold', reason: 'category:tokenized-gold' },
    { id: 'some-usd', symbol: 'susd', name: 'Some USD', reason: 'pegged:usd' }
  ]
}

describe('breakdown table order and search', () => {
  const ids = (coins: { id: string }[]) => coins.map((c) => c.id)

  it('sorts by window return both ways, unmeasured coins always last', () => {
    expect(ids(sortCoins(day.coins, { key: 'return', descending: true }))).toEqual([
      'dogecoin',
      'solana',
      'ethereum',
      'cardano',
      'new-coin'
    ])
    expect(ids(sortCoins(day.coins, { key: 'return', descending: false }))).toEqual([
      'cardano',
      'ethereum',
      'solana',
      'dogecoin',
      'new-coin'
    ])
  })

  it('breaks market-cap ties by rank and sorts names case-insensitively', () => {
    expect(ids(sortCoins(day.coins, { key: 'marketCap', descending: true }))).toEqual([
      'ethereum',
      'solana',
      'dogecoin',
      'new-coin',
      'cardano'
    ])
    expect(ids(sortCoins(day.coins, { key: 'coin', descending: false }))).toEqual([
      'cardano',
      'dogecoin',
      'ethereum',
      'new-coin',
      'solana'
    ])
    expect(ids(sortCoins(day.coins, { key: 'rank', descending: true }))).toEqual([
      'cardano',
      'new-coin',
      'dogecoin',
      'solana',
      'ethereum'
    ])
  })

  it('does not reorder the array it was given', () => {
    sortCoins(day.coins, { key: 'return', descending: true })
    expect(ids(day.coins)).toEqual(['ethereum', 'solana', 'dogecoin', 'new-coin', 'cardano'])
  })

  it('matches symbol, name or id, ignoring case and surrounding spaces', () => {
    expect(ids(day.coins.filter((c) => matchesSearch(c, ' SOL ')))).toEqual(['solana'])
    expect(ids(day.coins.filter((c) => matchesSearch(c, 'coin')))).toEqual(['dogecoin', 'new-coin'])
    expect(day.excluded.filter((e) => matchesSearch(e, 'gold')).map((e) => e.id)).toEqual(['paxos-gold'])
    expect(day.coins.filter((c) => matchesSearch(c, ''))).toHaveLength(5)
  })
})

describe('the bar against Bitcoin', () => {
  it('is the coin’s growth relative to Bitcoin’s, positive exactly for the coins that beat it', () => {
    for (const coin of day.coins) {
      const edge = edgeOverBitcoin(coin.ratio, day.btcRatio)
      if (coin.ratio === null) expect(edge).toBeNull()
      else expect(edge! > 0).toBe(coin.outperforms)
    }
    expect(edgeOverBitcoin(2.4, 1.5)).toBeCloseTo(0.6, 12)
  })

  it('is log-scaled and clipped at a factor of ten either way', () => {
    expect(edgeBar(3, 1.5)).toBeCloseTo(Math.log10(2), 12)
    expect(edgeBar(0.75, 1.5)).toBeCloseTo(-Math.log10(2), 12)
    expect(edgeBar(300, 1.5)).toBe(1)
    expect(edgeBar(0.01, 1.5)).toBe(-1)
    expect(edgeBar(null, 1.5)).toBeNull()
  })
})

describe('wording', () => {
  it('says every exclusion reason the engine gives in words', () => {
    expect(exclusionWords('category:stablecoins')).toBe('Provider category: stablecoin')
    expect(exclusionWords('category:liquid-staking-tokens')).toBe('Provider category: liquid staking token')
    expect(exclusionWords('curated')).toContain('built-in exclusion list')
    expect(exclusionWords('pegged:usd')).toContain('US dollar')
    expect(exclusionWords('pegged:btc')).toContain('Bitcoin')
    expect(exclusionWords('pegged:eth')).toContain('Ether')
    // A reason added later still shows, as given.
    expect(exclusionWords('category:something-new')).toBe('Provider category: something-new')
  })

  it('formats window returns as signed percentages', () => {
    expect(formatReturn(1.25)).toBe('+25.0%')
    expect(formatReturn(0.776)).toBe('−22.4%')
    expect(formatReturn(1)).toBe('0.0%')
    expect(formatReturn(31.5)).toBe('+3,050%')
    expect(formatReturn(null)).toBe('—')
  })

  it('starts range presets 3 months and a year before the last day', () => {
    expect(rangeStart('2024-12-11', '3m')).toBe('2024-09-11')
    expect(rangeStart('2024-12-11', '1y')).toBe('2023-12-12')
    expect(rangeStart('2024-12-11', 'all')).toBeNull()
  })
})
