import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliCaptured } from '../../support/run-cli'

// Usage errors are found before anything is opened: the data folder must stay empty.
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-cli-usage-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cases: [string, string[], RegExp][] = [
  ['no command', [], /^a command is needed: info, .*backtest/],
  ['unknown command', ['frobnicate'], /^unknown command "frobnicate"/],
  ['unknown command, with a suggestion', ['indx'], /^unknown command "indx" \(Did you mean index\?\)$/],
  ['unknown option', ['info', '--colour'], /^unknown option --colour$/],
  ['unknown option before the command', ['--colour', 'info'], /^unknown option --colour$/],
  ['missing value', ['sync', '--coins'], /^--coins needs a value$/],
  ['missing value of a global option', ['info', '--data-dir'], /^--data-dir needs a value$/],
  ['an option where a value belongs', ['--data-dir', '--colour', 'info'], /^--data-dir needs a value$/],
  ['bad date', ['index', '--date', '2023-02-30'], /^--date must be a date as YYYY-MM-DD, not "2023-02-30"$/],
  ['dates in the wrong order', ['history', '--from', '2024-02-01', '--to', '2024-01-01'], /is after --to/],
  ['port out of range', ['serve', '--port', '70000'], /^--port must be a whole number from 0 to 65535/],
  ['bad choice of method for hints', ['hints', '--method', 'lifo'], /^--method must be one of fifo, hifo, average/],
  ['bad choice of method for lots', ['portfolio', 'lots', '--method', 'lifo'], /^--method must be one of fifo/],
  ['bad choice of window', ['index', '--window', '45'], /^--window must be one of 90, 30, 365, not "45"$/],
  ['bad choice of top', ['history', '--top', '75'], /^--top must be one of 100, 50, not "75"$/],
  ['bad choice of format', ['portfolio', 'import', 'x.csv', '--format', 'csv'], /^--format must be one of generic/],
  ['bad strategy', ['backtest', '--strategy', 'moon'], /^--strategy must be hold, periodic, regime or all/],
  ['bad targets', ['backtest', '--targets', '50/50'], /^--targets must be three percentages/],
  ['bad mapping', ['portfolio', 'import', 'x.csv', '--map', 'ETH'], /^--map takes SYMBOL=coin-id pairs/],
  ['not a number', ['sync', '--coins', 'abc'], /^--coins must be a number, not "abc"$/],
  ['not a number for a fee', ['hints', '--fee', 'high'], /^--fee must be a number, not "high"$/],
  ['not a number for a port', ['serve', '--port', 'eighty'], /^--port must be a number, not "eighty"$/],
  ['extra argument', ['info', 'extra'], /^too many arguments for "info"/],
  ['extra argument to a subcommand', ['portfolio', 'holdings', 'extra'], /^too many arguments for "holdings"/],
  ['missing argument', ['portfolio', 'import'], /^missing required argument "FILE"$/],
  [
    'missing subcommand',
    ['portfolio'],
    /^portfolio needs a command: import, holdings, transactions, lots, gains, income or set-value$/
  ],
  ['unknown subcommand', ['portfolio', 'sell'], /^unknown command "sell"/]
]

describe('usage errors', () => {
  it.each(cases)('%s: exit 2 and one line on stderr', async (_, args, reason) => {
    const result = await runCliCaptured(args, { SEASONWATCH_DATA_DIR: dir })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^seasonwatch: [^\n]+\n$/)
    expect(result.stderr.slice('seasonwatch: '.length, -1)).toMatch(reason)
    expect(readdirSync(dir)).toEqual([])
  })

  it.each(cases)('%s: with --json, also one JSON error document on stdout', async (_, args) => {
    for (const withJson of [
      [...args, '--json'],
      ['--json', ...args]
    ]) {
      const result = await runCliCaptured(withJson, { SEASONWATCH_DATA_DIR: dir })
      expect(result.code).toBe(2)
      const message = result.stderr.slice('seasonwatch: '.length, -1)
      expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'VALIDATION', message } })
      expect(result.stdout.trim().split('\n')).toHaveLength(1)
    }
    expect(readdirSync(dir)).toEqual([])
  })

  it('a failure that is not a usage error still exits 1 with one line', async () => {
    const result = await runCliCaptured(['portfolio', 'import', join(dir, 'missing.csv'), '--json'], {
      SEASONWATCH_DATA_DIR: dir
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^seasonwatch: cannot read .*missing\.csv: ENOENT\n$/)
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})
