import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DecimalError,
  div,
  formatCents,
  formatDecimal,
  fromNumber,
  mul,
  mulDiv,
  floatRatio,
  parseDecimal,
  toCents,
  toFiniteNumber,
  toNumber
} from '../../../src/main/portfolio/decimal'

describe('decimal', () => {
  it('parses plain, signed, leading-dot and exponent forms exactly', () => {
    expect(formatDecimal(parseDecimal('12'))).toBe('12')
    expect(formatDecimal(parseDecimal('-0.50'))).toBe('-0.5')
    expect(formatDecimal(parseDecimal('.25'))).toBe('0.25')
    expect(formatDecimal(parseDecimal('1.5e-7'))).toBe('0.00000015')
    expect(formatDecimal(parseDecimal('-1.2E-7'))).toBe('-0.00000012')
    expect(formatDecimal(parseDecimal('2.5E3'))).toBe('2500')
    expect(formatDecimal(parseDecimal('0.000000000000000001'))).toBe('0.000000000000000001')
  })

  it('refuses text that is not a number, and more than 18 places', () => {
    for (const bad of ['', '-', '1,000', '1.2.3', 'abc', '$5', '1e', '0x10'])
      expect(() => parseDecimal(bad)).toThrow(DecimalError)
    expect(() => parseDecimal('0.0000000000000000001')).toThrow(/more than 18 decimal places/)
  })

  it('holds every amount to 30 digits before the point and 18 after, whatever its form', () => {
    const largest = `${'9'.repeat(30)}.${'9'.repeat(18)}`
    expect(formatDecimal(parseDecimal(largest))).toBe(largest)
    expect(formatDecimal(parseDecimal('1e29'))).toBe(`1${'0'.repeat(29)}`)
    expect(formatDecimal(parseDecimal('1.5e-18'.replace('1.5', '1')))).toBe('0.000000000000000001')
    expect(formatDecimal(parseDecimal(`000${'1'.repeat(30)}.5000000000000000000000`))).toBe(`${'1'.repeat(30)}.5`)
    expect(parseDecimal('0e99999')).toBe(0n)
    const refusals: [string, RegExp][] = [
      ['1e30', /31 digits before the decimal point; the most is 30/],
      ['1e999', /is too large; the most is 30 digits before the point/],
      ['1e-999', /more than 18 decimal places/],
      ['1'.repeat(31), /has 31 digits before the decimal point/],
      ['-1'.padEnd(40, '0'), /has 39 digits before the decimal point/],
      ['1.5e-18', /more than 18 decimal places/]
    ]
    for (const [text, reason] of refusals) expect(() => parseDecimal(text), text).toThrow(reason)
    // A 10 MB run of digits is refused by its length, before any big number is built.
    const huge = '9'.repeat(10 * 1024 * 1024)
    const started = performance.now()
    expect(() => parseDecimal(huge)).toThrow(/is 10,485,760 characters long/)
    expect(performance.now() - started).toBeLessThan(200)
    try {
      parseDecimal(huge)
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200)
    }
  })

  it('never turns an amount into Infinity: out of the float range is null where null means unknown', () => {
    const big = 10n ** 400n
    expect(toFiniteNumber(big)).toBeNull()
    expect(floatRatio(big, 1n)).toBeNull()
    expect(floatRatio(parseDecimal('10'), 0n)).toBeNull()
    expect(floatRatio(parseDecimal('10'), parseDecimal('4'))).toBe(2.5)
    expect(() => toNumber(big)).toThrow(DecimalError)
  })

  it('adds without float drift: ten times 0.1 is exactly 1', () => {
    let sum = 0n
    for (let i = 0; i < 10; i += 1) sum += parseDecimal('0.1')
    expect(formatDecimal(sum)).toBe('1')
    expect(formatDecimal(parseDecimal('0.1') + parseDecimal('0.2'))).toBe('0.3')
  })

  it('multiplies and divides with half-away-from-zero rounding at 18 places', () => {
    expect(formatDecimal(mul(parseDecimal('1.5'), parseDecimal('20000')))).toBe('30000')
    expect(formatDecimal(div(parseDecimal('1'), parseDecimal('3')))).toBe('0.333333333333333333')
    expect(formatDecimal(div(parseDecimal('2'), parseDecimal('3')))).toBe('0.666666666666666667')
    expect(formatDecimal(mulDiv(parseDecimal('120000'), parseDecimal('1'), parseDecimal('3')))).toBe('40000')
    expect(formatDecimal(parseDecimal('1.005'), 2)).toBe('1.01')
    expect(formatDecimal(parseDecimal('-1.005'), 2)).toBe('-1.01')
  })

  it('converts stored float prices through their shortest text', () => {
    expect(formatDecimal(fromNumber(43210.12))).toBe('43210.12')
    expect(formatDecimal(fromNumber(0.00001234))).toBe('0.00001234')
    expect(formatDecimal(fromNumber(1e-20))).toBe('0')
  })

  it('round-trips any decimal text it prints', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (raw) => {
        expect(parseDecimal(formatDecimal(raw))).toBe(raw)
      })
    )
  })
})

describe('cents for reports', () => {
  it('rounds half away from zero and always shows two decimals', () => {
    const cases: [string, string][] = [
      ['0', '0.00'],
      ['1', '1.00'],
      ['0.005', '0.01'],
      ['0.00499999', '0.00'],
      ['-0.005', '-0.01'],
      ['-0.004', '0.00'],
      ['1234567.891', '1234567.89'],
      ['-8350', '-8350.00'],
      ['0.1', '0.10']
    ]
    for (const [text, shown] of cases) expect(formatCents(parseDecimal(text))).toBe(shown)
    expect(formatDecimal(toCents(parseDecimal('2.675')))).toBe('2.68')
  })
})
