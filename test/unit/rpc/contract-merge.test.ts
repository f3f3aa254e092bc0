import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { channelNames, channels } from '../../../src/shared/contract'
import { channel, mergeDomains } from '../../../src/shared/contract/define'
import { channelReads, readsOf } from '../../../src/shared/contract/reads'

const spec = (summary: string) => channel({ summary, input: z.void(), output: z.string() })

describe('the contract', () => {
  it('refuses two domains that name the same channel, where spreading would keep only the last', () => {
    const a = { 'x:get-thing': spec('first') }
    const b = { 'x:get-other': spec('other'), 'x:get-thing': spec('second') }
    expect(() => mergeDomains(a, b)).toThrow('The contract names "x:get-thing" twice.')
    expect(Object.keys(mergeDomains(a, { 'x:get-other': spec('other') }))).toEqual(['x:get-thing', 'x:get-other'])
  })

  it('says for every channel what it reads, and only channels have an entry', () => {
    expect(Object.keys(channelReads).sort()).toEqual([...channelNames].sort())
    expect(readsOf('portfolio:get-holdings')).toEqual(['portfolio', 'market', 'season', 'settings'])
    // Commands read nothing: a change never re-runs them.
    expect(readsOf('portfolio:confirm-import')).toEqual([])
    expect(readsOf('no:such-channel')).toEqual([])
    expect(readsOf(42)).toEqual([])
    expect(Object.keys(channels).length).toBe(channelNames.length)
  })
})
