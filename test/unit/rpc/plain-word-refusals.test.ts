import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { channels } from '../../../src/shared/contract'
import { describeInput, readNumberList, readWholeNumber } from '../../../src/shared/field-input'
import { createDispatch } from '../../../src/main/rpc/dispatch'
import type { HandlerMap } from '../../../src/main/rpc/types'

// What the report found on screen, and what a person reads now.
const settingsSet = channels['settings:set'].input
const addTransaction = channels['portfolio:add-transaction'].input

function refusal(schema: z.ZodType, input: unknown): string {
  const parsed = schema.safeParse(input)
  if (parsed.success) throw new Error('expected a refusal')
  return describeInput(parsed.error, input)
}

describe('refused input in plain words, naming the field by its label', () => {
  it('alert levels 50, 75, abc: names the field and the entry, no path or schema words', () => {
    const text = refusal(settingsSet, { alertIndexLevels: [50, 75, null] })
    expect(text).toBe('Alert levels: the 3rd entry is not a number. Enter digits such as 50.')
  })

  it('10 coins tracked: says the smallest allowed under the label the form shows', () => {
    expect(refusal(settingsSet, { trackedCoins: 10 })).toBe('Coins tracked: 10 is below the smallest allowed, 50.')
  })

  it('quantity "1,5": names Quantity and the plain form it takes', () => {
    const text = refusal(addTransaction, {
      draft: { kind: 'buy', at: '2024-05-01', symbol: 'BTC', quantity: '1,5' },
      acceptWarnings: false
    })
    expect(text).toMatch(/^Quantity: "1,5" must be a plain decimal number such as 0.5/)
    expect(text).not.toMatch(/draft|Invalid input|expected|portfolio:/)
  })

  it('the dispatcher sends the plain sentence and keeps the contract path for the log', async () => {
    const logged: unknown[] = []
    const log = { debug() {}, info() {}, error() {}, warn: (_m: string, f?: unknown) => logged.push(f) }
    const dispatch = createDispatch({} as HandlerMap, log)
    const answer = await dispatch('settings:set', { alertIndexLevels: [50, 75, null] }, { origin: 'test' } as never)
    expect(answer).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Alert levels: the 3rd entry is not a number. Enter digits such as 50.' }
    })
    expect(JSON.stringify(logged)).toContain('alertIndexLevels.2')
  })
})

describe('forms read numbers before sending, and an empty field stays empty and is refused', () => {
  it('an emptied "Coins tracked" is refused, never read as 0', () => {
    expect(readWholeNumber('', 'Coins tracked', 50, 2000)).toEqual({
      ok: false,
      message: 'Coins tracked: enter a number from 50 to 2000.'
    })
    expect(readWholeNumber('10', 'Coins tracked', 50, 2000)).toMatchObject({ ok: false })
    expect(readWholeNumber(' 300 ', 'Coins tracked', 50, 2000)).toEqual({ ok: true, value: 300 })
  })

  it('alert levels "50, 75, abc" name the entry that is not a number', () => {
    expect(readNumberList('50, 75, abc', 'Alert levels', 0, 100, 10)).toEqual({
      ok: false,
      message: 'Alert levels: "abc" is not a number. Enter numbers separated by commas, such as 50, 75.'
    })
    expect(readNumberList('50, 75', 'Alert levels', 0, 100, 10)).toEqual({ ok: true, value: [50, 75] })
    expect(readNumberList('', 'Alert levels', 0, 100, 10)).toEqual({ ok: true, value: [] })
  })
})
