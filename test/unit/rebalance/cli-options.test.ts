import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseStrategies, parseTargets } from '../../../src/main/cli/commands/backtest'
import { runCliCaptured } from '../../support/run-cli'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function cli(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'seasonwatch-rebalance-cli-'))
  dirs.push(dir)
  return runCliCaptured([...args, '--data-dir', dir])
}

describe('hints and backtest command options', () => {
  it('reads strategies and a B/A/S target split', () => {
    expect(parseStrategies('all')).toEqual(['hold', 'periodic', 'regime'])
    expect(parseStrategies('hold, regime')).toEqual(['hold', 'regime'])
    expect(() => parseStrategies('moon')).toThrow(/hold, periodic, regime or all, not "moon"/)
    expect(parseTargets('50/30/20')).toEqual({ bitcoin: 50, altcoins: 30, stablecoins: 20 })
    expect(() => parseTargets('50/50')).toThrow(/three percentages/)
  })

  it('refuses bad options with one line and a JSON error, before touching anything', async () => {
    const noBuyOnly = await cli(['hints', '--json', '--contribution', '500'])
    expect(noBuyOnly.code).toBe(1)
    expect(JSON.parse(noBuyOnly.stdout)).toEqual({
      error: { code: 'VALIDATION', message: '--contribution is for --buy-only: add --buy-only to place new money' }
    })
    const method = await cli(['hints', '--method', 'lifo'])
    expect(method.stderr).toMatch(/--method must be one of fifo, hifo, average/)
    const split = await cli(['backtest', '--json', '--targets', '60/30/20'])
    expect(JSON.parse(split.stdout).error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/add up to 100/)
    })
  })

  it('an empty data folder has no index and no prices yet, and says so', async () => {
    const hints = await cli(['hints', '--json'])
    expect(hints.code).toBe(1)
    expect(JSON.parse(hints.stdout).error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no Altcoin Season Index value yet/)
    })
    const backtest = await cli(['backtest', '--json'])
    expect(JSON.parse(backtest.stdout).error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no stored Bitcoin prices/)
    })
  })
})
