import { describe, expect, it } from 'vitest'
import {
  assetKey,
  count,
  pnlClass,
  quantity,
  signedUsd,
  sourceWords,
  unitPrice,
  usd
} from '../../../src/renderer/src/features/portfolio/portfolio-format'
import { readUsdInput } from '../../../src/renderer/src/features/portfolio/usd-input'

const MINUS = '\u2212'

describe('money on screen', () => {
  it('writes dollars with thousands separators and cents, from numbers and from decimal text', () => {
    expect(usd(1234.5)).toBe('$1,234.50')
    expect(usd('10350.00')).toBe('$10,350.00')
    expect(usd(0)).toBe('$0.00')
  })

  it('says "unknown" for an unknown amount, never $0', () => {
    expect(usd(null)).toBe('unknown')
    expect(usd(undefined)).toBe('unknown')
    expect(signedUsd(null)).toBe('unknown')
    expect(unitPrice(null)).toBe('unknown')
  })

  it('puts a real minus sign before a negative amount, and no sign before one that rounds to zero', () => {
    expect(usd(-80)).toBe(`${MINUS}$80.00`)
    expect(usd('-106.50')).toBe(`${MINUS}$106.50`)
    expect(usd(-0.001)).toBe('$0.00')
    expect(signedUsd(-0.004)).toBe('$0.00')
  })

  it('marks gains with a plus and losses with a minus', () => {
    expect(signedUsd(6820)).toBe('+$6,820.00')
    expect(signedUsd('-80.00')).toBe(`${MINUS}$80.00`)
    expect(signedUsd(0)).toBe('$0.00')
    expect(pnlClass(5)).toBe('gain')
    expect(pnlClass('-1')).toBe('loss')
    expect(pnlClass(null)).toBeUndefined()
    expect(pnlClass(0)).toBeUndefined()
  })

  it('keeps four significant digits for unit prices under a dollar', () => {
    expect(unitPrice(0.391234)).toBe('$0.3912')
    expect(unitPrice(101173.031)).toBe('$101,173.03')
  })
})

describe('quantities and words', () => {
  it('groups thousands and keeps every stored decimal', () => {
    expect(quantity('12345.000000001')).toBe('12,345.000000001')
    expect(quantity('-7.5')).toBe(`${MINUS}7.5`)
  })

  it('counts in words', () => {
    expect(count(1, 'transaction')).toBe('1 transaction')
    expect(count(3, 'transaction')).toBe('3 transactions')
  })

  it('says where a value came from', () => {
    expect(sourceWords('market')).toBe('from the daily price')
    expect(sourceWords('unknown')).toBe('unknown')
  })

  it('files an unmatched holding under its upper-case symbol, as the core does', () => {
    expect(assetKey({ coinId: 'bitcoin', symbol: 'BTC' })).toBe('bitcoin')
    expect(assetKey({ coinId: null, symbol: 'xyz' })).toBe('symbol:XYZ')
  })
})

describe('a USD value typed by a person', () => {
  it('reads plain decimals, thousands separators and a dollar sign', () => {
    expect(readUsdInput(' 400 ', 'Value in USD')).toEqual({ ok: true, value: '400' })
    expect(readUsdInput('$1,234.50', 'Value in USD')).toEqual({ ok: true, value: '1234.50' })
    expect(readUsdInput('0.125', 'Value in USD')).toEqual({ ok: true, value: '0.125' })
    expect(readUsdInput('007', 'Value in USD')).toEqual({ ok: true, value: '7' })
    expect(readUsdInput('12.', 'Value in USD')).toEqual({ ok: true, value: '12' })
  })

  it('refuses what is not an amount, naming the field', () => {
    const refused = (text: string) => {
      const read = readUsdInput(text, 'Fee value in USD')
      expect(read.ok).toBe(false)
      return read.ok ? '' : read.message
    }
    expect(refused('')).toBe('Fee value in USD: enter the value in US dollars, such as 1200.25.')
    expect(refused('4OO')).toMatch(/^Fee value in USD: "4OO" is not a number/)
    expect(refused('-5')).toBe('Fee value in USD: a value cannot be negative.')
    expect(refused('1e3')).toMatch(/is not a number/)
    expect(refused('0.1234567890123456789')).toBe('Fee value in USD: use at most 18 digits after the point.')
  })

  it('never reads a decimal comma as a thousands separator', () => {
    const read = readUsdInput('1,5', 'Value in USD')
    expect(read.ok).toBe(false)
    expect(read.ok ? '' : read.message).toContain('Use a point for cents')
    expect(readUsdInput('1.234,56', 'Value in USD').ok).toBe(false)
  })
})
