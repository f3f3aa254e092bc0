import { describe, expect, it } from 'vitest'
import {
  compactUsd,
  exactQuantity,
  isoDate,
  multiplier,
  orderQuantity,
  percent,
  plural,
  points,
  returnPercent,
  signedNumber,
  signedUsd,
  usd
} from '../../../src/shared/format'

const MINUS = '\u2212'

describe('one number format for every screen and the command line', () => {
  it('gives market caps the same precision at every size (not "$61B" beside "$461.64B")', () => {
    expect(compactUsd(61_000_000_000)).toBe('$61.0B')
    expect(compactUsd(461_640_000_000)).toBe('$462B')
    expect(compactUsd(1_234_000_000_000)).toBe('$1.23T')
    expect(compactUsd(789_400_000)).toBe('$789M')
  })

  it('writes every gain or loss in cents with one kind of minus (not "+$0.9" beside "+$46.30", "$-496.98")', () => {
    expect(signedUsd(0.9)).toBe('+$0.90')
    expect(signedUsd(46.3)).toBe('+$46.30')
    expect(usd(-853.66)).toBe(`${MINUS}$853.66`)
    expect(signedUsd(-496.98)).toBe(`${MINUS}$496.98`)
    expect(percent(-0.068)).toBe(`${MINUS}6.8%`)
    expect(signedNumber(-3)).toBe(`${MINUS}3`)
    expect(signedNumber(0)).toBe('±0')
    expect(points(-0.44)).toBe(`${MINUS}0.4 pts`)
    for (const text of [usd(-1), signedUsd(-1), percent(-0.5), returnPercent(0.5), signedNumber(-1)])
      expect(text).not.toContain('-')
  })

  it('shows returns one way everywhere: a signed percentage, multipliers only where asked', () => {
    expect(returnPercent(3.056)).toBe('+205.6%')
    expect(returnPercent(0.932)).toBe(`${MINUS}6.8%`)
    expect(returnPercent(null)).toBe('—')
    expect(multiplier(1.4234)).toBe('×1.42')
  })

  it('counts in words that agree with the number ("1 day", not "1 days")', () => {
    expect(plural(1, 'day')).toBe('1 day')
    expect(plural(250, 'coin')).toBe('250 coins')
    expect(plural(1200, 'entry', 'entries')).toBe('1,200 entries')
  })

  it('writes dates in ISO form, in UTC', () => {
    expect(isoDate(Date.UTC(2024, 10, 12, 23, 59))).toBe('2024-11-12')
    expect(isoDate(Number.NaN)).toBe('—')
  })

  it('rounds quantities to order to significant digits, keeping the exact text for hover', () => {
    expect(orderQuantity(1162.52800528)).toBe('1,162.5')
    expect(orderQuantity('0.012345678')).toBe('0.012346')
    expect(orderQuantity(-2.5)).toBe(`${MINUS}2.5`)
    expect(exactQuantity('1162.52800528')).toBe('1,162.52800528')
    expect(exactQuantity('-0.5')).toBe(`${MINUS}0.5`)
  })
})
