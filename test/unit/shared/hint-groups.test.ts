import { describe, expect, it } from 'vitest'
import type { ChannelOutput } from '../../../src/shared/contract'
import { groupHints } from '../../../src/shared/hint-groups'

type Hint = ChannelOutput<'rebalance:get-hints'>['hints'][number]

const why =
  'Altcoin Season (index 81 as of 2024-12-04): Altcoins is 62.4% against a 45.0% target (+17.4 pts, band ±5.0 pts). Selling brings it toward 45.0% of the portfolio; proceeds are held as stablecoins.'

function sell(coinId: string, symbol: string, quantity: string, priceAsOf = '2024-12-04'): Hint {
  return {
    action: 'sell',
    coinId,
    symbol,
    sleeve: 'altcoins',
    quantity,
    price: 1,
    priceAsOf,
    value: 100,
    fee: 0.1,
    reason: `${why} Price as of ${priceAsOf}.`,
    sale: null
  }
}

describe('hints grouped per sleeve', () => {
  it('says the reason once for the five sells of one sleeve, in their order', () => {
    const hints = [
      sell('cardano', 'ada', '1162.52800528'),
      sell('solana', 'sol', '3.1'),
      sell('ripple', 'xrp', '410.2', '2024-12-03'),
      sell('polkadot', 'dot', '22'),
      sell('chainlink', 'link', '7.5')
    ]
    const buy: Hint = {
      ...sell('tether', 'usdt', '500'),
      action: 'buy',
      sleeve: 'stablecoins',
      reason:
        'Altcoin Season (index 81 as of 2024-12-04): Buying brings it toward 30.0% of the portfolio. Price as of 2024-12-04.'
    }
    const groups = groupHints([...hints, buy])
    expect(groups).toHaveLength(2)
    expect(groups[0]).toMatchObject({ sleeve: 'altcoins', reason: why })
    expect(groups[0]!.hints.map((h) => h.symbol)).toEqual(['ada', 'sol', 'xrp', 'dot', 'link'])
    expect(groups[1]!.sleeve).toBe('stablecoins')
    expect(groups[1]!.reason).not.toContain('Price as of')
  })

  it('keeps a hint whose reason is its own apart (a coin without a price)', () => {
    const odd: Hint = { ...sell('newcoin', 'new', '0'), reason: `${why.slice(0, 40)} No cached price for newcoin.` }
    const groups = groupHints([sell('cardano', 'ada', '1'), odd])
    expect(groups).toHaveLength(2)
    expect(groups[1]!.hints[0]!.coinId).toBe('newcoin')
  })
})
