import { describe, expect, it } from 'vitest'
import type { ValueGaps } from '../../../src/shared/contract/portfolio'
import {
  chartGapSentence,
  leftOutWords,
  unknownValueWarning,
  valuationWords,
  valueGapWords
} from '../../../src/renderer/src/features/portfolio/value-gap-words'

const gaps = (over: Partial<ValueGaps>): ValueGaps => ({
  transactions: 0,
  beyondTier: 0,
  unmatched: 0,
  tierFrom: '2025-12-02',
  tier: 'public',
  ...over
})

describe('transactions without a USD value, in words', () => {
  it('says nothing when every value is known', () => {
    expect(valueGapWords(gaps({}))).toBeNull()
  })

  it('names the count, then each reason with its fix', () => {
    const words = valueGapWords(gaps({ transactions: 3, beyondTier: 1, unmatched: 1 }))
    expect(words?.headline).toBe(
      '3 transactions without a USD value: gains and income leave them out until they have one.'
    )
    expect(words?.reasons).toEqual([
      '1 is older than the price history the free CoinGecko plan serves, which starts on 2025-12-02. A CoinGecko Pro key reaches back to 2013; or enter its value.',
      '1 has a symbol not yet matched to a coin: choose the coin under "Not matched to a coin".',
      '1 has no stored price yet: a sync fetches it.'
    ])
  })

  it('speaks of one transaction in the singular, and offers no Pro key to a Pro user', () => {
    const one = valueGapWords(gaps({ transactions: 1 }))
    expect(one?.headline).toBe('1 transaction without a USD value: gains and income leave it out until it has one.')
    const pro = valueGapWords(gaps({ transactions: 2, beyondTier: 2, tier: 'pro', tierFrom: null }))
    expect(pro?.reasons).toEqual(['2 are older than the price history a CoinGecko Pro key serves. Enter their values.'])
  })
})

describe("what the holdings' totals leave out", () => {
  const none = { unpriced: 0, unknownBasis: 0, unknownGains: 0, unknownIncome: 0 }
  it('says nothing when a total is complete', () => {
    expect(leftOutWords(none, 'value')).toBeNull()
    expect(leftOutWords(none, 'unrealized')).toBeNull()
  })

  it('counts what each total leaves out', () => {
    const some = { unpriced: 2, unknownBasis: 1, unknownGains: 1, unknownIncome: 3 }
    expect(leftOutWords(some, 'value')).toBe('leaves out 2 holdings without a price')
    expect(leftOutWords(some, 'costBasis')).toBe('leaves out 1 holding with an unknown cost')
    expect(leftOutWords(some, 'unrealized')).toBe(
      'leaves out 2 holdings without a price and 1 holding with an unknown cost'
    )
    expect(leftOutWords(some, 'realized')).toBe('leaves out 1 disposal whose gain is unknown')
    expect(leftOutWords(some, 'income')).toBe('leaves out 3 incomes of unknown value')
  })
})

describe('the value chart and the import preview', () => {
  it('explains the dashed line only when some day has a holding without a price', () => {
    expect(chartGapSentence([{ unpriced: 0 }, { unpriced: 0 }])).toBeNull()
    expect(chartGapSentence([{ unpriced: 0 }, { unpriced: 1 }])).toBe(
      'Dashed: days when 1 holding has no price; the line shows only what has one.'
    )
    expect(chartGapSentence([{ unpriced: 2 }, { unpriced: 2 }])).toBe(
      'Dashed: days when 2 holdings have no price; the line shows only what has one.'
    )
    expect(chartGapSentence([{ unpriced: 1 }, { unpriced: 3 }])).toBe(
      'Dashed: days when up to 3 holdings have no price; the line shows only what has one.'
    )
  })

  it('counts how an import will be valued, by source', () => {
    expect(valuationWords({ file: 2, trade: 7, market: 1, unknown: 1, none: 1 })).toEqual([
      "2 by the file's value",
      '7 by the other side of the trade',
      '1 by the daily price',
      '1 needs no value (own transfers, balances)',
      '1 without a value yet'
    ])
    expect(unknownValueWarning(0)).toBeNull()
    expect(unknownValueWarning(2)).toBe(
      '2 transactions will have no USD value yet: gains and income will leave them out until you enter one (Transactions, "Enter the USD value").'
    )
  })
})
