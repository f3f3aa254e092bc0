import { describe, expect, it } from 'vitest'
import { describeDataNote } from '../../../src/shared/stale-or-partial-note'

describe('the note on partial or stale data', () => {
  it('says how many coins a partial index is built from', () => {
    const note = describeDataNote({ partial: { coinsWithHistory: 109, coinsTracked: 250 }, staleDays: 0 })
    expect(note?.lines).toHaveLength(1)
    expect(note?.lines[0]).toMatch(/^Built from 109 of 250 coins/)
  })

  it('says how old stale data is, and nothing about data from yesterday', () => {
    expect(describeDataNote({ partial: null, staleDays: 720 })?.lines[0]).toMatch(/^The market data is 720 days old/)
    expect(describeDataNote({ partial: null, staleDays: 1 })).toBeNull()
    expect(describeDataNote({ partial: null, staleDays: 0 })).toBeNull()
  })

  it('has a key per situation, so dismissing one note does not hide a later, different one', () => {
    const a = describeDataNote({ partial: { coinsWithHistory: 109, coinsTracked: 250 }, staleDays: 30 })
    const b = describeDataNote({ partial: { coinsWithHistory: 180, coinsTracked: 250 }, staleDays: 30 })
    expect(a?.lines).toHaveLength(2)
    expect(a?.key).not.toBe(b?.key)
  })
})
