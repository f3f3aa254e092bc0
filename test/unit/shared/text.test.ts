import { describe, expect, it } from 'vitest'
import { plainAmountProblem } from '../../../src/shared/amount'
import {
  excerpt,
  firstControlCharacter,
  forTerminal,
  hasControlCharacter,
  jsonForTerminal
} from '../../../src/shared/text'

const ESC = '\u001b'

describe('outside text made safe', () => {
  it('finds the control characters stored text must not hold, and lets tabs and line breaks be', () => {
    expect(hasControlCharacter('two\nlines\r\n\tand a tab')).toBe(false)
    expect(firstControlCharacter(`red ${ESC}[31m`)).toBe('U+001B')
    expect(firstControlCharacter('nul\u0000')).toBe('U+0000')
    expect(firstControlCharacter('csi\u009b2J')).toBe('U+009B')
    expect(firstControlCharacter('del\u007f')).toBe('U+007F')
    expect(firstControlCharacter('café ☕ 币安')).toBeNull()
  })

  it('cuts an excerpt short and shows every control character as an escape', () => {
    expect(excerpt('a'.repeat(100), 10)).toBe('aaaaaaaaaa…')
    expect(excerpt(`x${ESC}]52;c;cHduZWQ=\u0007\ny`)).toBe('x\\x1b]52;c;cHduZWQ=\\x07\\x0ay')
  })

  it('prints what a terminal would act on as text, keeping line ends, and JSON stays JSON', () => {
    expect(forTerminal(`a${ESC}[2Jb\r\nc\td\re\u009b`)).toBe('a\\x1b[2Jb\r\nc\td\\x0de\\x9b')
    const json = jsonForTerminal({ note: `x${ESC}[31m\u009by` })
    expect(json).toBe('{"note":"x\\u001b[31m\\u009by"}')
    expect(JSON.parse(json)).toEqual({ note: `x${ESC}[31m\u009by` })
  })

  it('says what is wrong with a plain amount in words that follow its name', () => {
    expect(plainAmountProblem('1200.25')).toBeNull()
    expect(plainAmountProblem('1e5')).toBe('must be a plain decimal number such as 0.5 or 1200.25')
    expect(plainAmountProblem('1'.repeat(31))).toBe('has 31 digits before the decimal point; the most is 30')
    expect(plainAmountProblem('0.0000000000000000001')).toBe('has more than 18 decimal places')
    expect(plainAmountProblem('9'.repeat(100))).toMatch(/^is 100 characters long/)
  })
})
