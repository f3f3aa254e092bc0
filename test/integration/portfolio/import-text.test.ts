import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Core } from '../../../src/main/core/create-core'
import { runCliCaptured } from '../../support/run-cli'
import { seedRealMarket } from './real-market'

// Issue 15, finding 5: a 10 MB cell came back as 10 MB of error text, ANSI and OSC-52 sequences in
// cells reached the terminal, Latin-1 files silently became U+FFFD, NUL bytes were accepted, and
// imported notes had no limit while the editor's stop at 500 characters.
const NOW = Date.parse('2024-12-12T12:00:00Z')
const HEADER = 'date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note\n'
const ESC = '\u001b'
// Sets the terminal's title, colours red, and writes "pwned" to the clipboard (OSC 52).
const HOSTILE = `${ESC}]0;owned${ESC}\\${ESC}[31mred${ESC}]52;c;cHduZWQ=\u0007`
let dir: string
let core: Core

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seasonwatch-import-text-'))
  core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
  seedRealMarket(core.services.db)
})
afterEach(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

async function envelope(channel: string, input?: unknown) {
  return core.dispatch(channel as never, input as never, { runtime: 'cli' })
}
async function preview(text: string) {
  const result = await envelope('portfolio:preview-import', { text })
  if (!result.ok) throw new Error(result.error.message)
  return result.data as { errors: { line: number; reason: string }[]; errorRows: number; imported: number }
}
const count = () =>
  (core.services.db.prepare('SELECT count(*) AS n FROM portfolio_transactions').get() as { n: number }).n
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/ // eslint-disable-line no-control-regex

describe('text that comes in with a file', () => {
  it('answers a 10 MB cell with a short error on its line', async () => {
    const big = 'A'.repeat(10 * 1024 * 1024)
    const text = `${HEADER}2024-01-02,buy,BTC,0.1,USD,4500,,,,${big}\n2024-01-03,buy,BTC,0.1,USD,4500,,,,fine\n`
    const started = performance.now()
    const result = await preview(text)
    expect(performance.now() - started).toBeLessThan(5000)
    expect(result.errors).toEqual([
      {
        line: 2,
        reason: `the note cell is 10,485,760 characters long ("${'A'.repeat(20)}…"); a cell holds at most 1,000`
      }
    ])
    expect(JSON.stringify(result).length).toBeLessThan(20_000)
  })

  it('refuses control characters (ANSI, OSC-52, NUL) in any cell and never echoes them', async () => {
    const text =
      HEADER +
      `2024-01-02,buy,BTC,0.1,USD,4500,,,,"${HOSTILE}"\n` +
      `2024-01-03,buy,BTC${ESC}[2J,0.1,USD,4500,,,,\n` +
      `2024-01-04,buy,BTC,0.1,USD,4500,,,,nul\u0000byte\n` +
      `2024-01-05,bu${ESC}[31my,BTC,0.1,USD,4500,,,,\n`
    const result = await preview(text)
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 4, 5])
    expect(result.errors[0]?.reason).toBe(
      'the note cell holds a control character (U+001B), which an export never has ("\\x1b]0;owned\\x1b\\\\x1b[31mred\\x1b…")'
    )
    expect(result.errors[2]?.reason).toMatch(/^the note cell holds a control character \(U\+0000\)/)
    for (const e of result.errors) expect(e.reason).not.toMatch(CONTROL)

    core.close()
    const file = join(dir, 'hostile.csv')
    writeFileSync(file, text)
    for (const json of [false, true]) {
      const cli = await runCliCaptured(['portfolio', 'import', file, '--data-dir', dir, ...(json ? ['--json'] : [])])
      expect(cli.code).toBe(1)
      expect(cli.stdout + cli.stderr).not.toMatch(CONTROL)
      expect(cli.stdout).toMatch(/line"?:? 2/)
    }
  })

  it('refuses a file that is not UTF-8 on the line of the first unreadable byte, from a file or the window', async () => {
    // Windows-1252 / Latin-1 bytes: é (0xE9) in a note on the third line.
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}2024-01-02,buy,BTC,0.1,USD,4500,,,,plain\n2024-01-03,buy,BTC,0.1,USD,4500,,,,caf`),
      Buffer.from([0xe9]),
      Buffer.from('\n')
    ])
    core.close()
    const file = join(dir, 'latin1.csv')
    writeFileSync(file, latin1)
    const cli = await runCliCaptured(['portfolio', 'import', file, '--json', '--data-dir', dir])
    expect(cli.code).toBe(1)
    expect(JSON.parse(cli.stdout).errors).toEqual([
      {
        line: 3,
        reason:
          'The file is not UTF-8 text: this line has a character that could not be read (shown as \uFFFD). Save the file as UTF-8 ("CSV UTF-8" in Excel) and import it again.'
      }
    ])
    // The window sends text its browser decoded, where the byte is already U+FFFD.
    core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => NOW } })
    const fromWindow = await preview(new TextDecoder().decode(latin1))
    expect(fromWindow.errors.map((e) => e.line)).toEqual([3])
    // A UTF-16 export (Excel's "Unicode text") is refused on its first line.
    const utf16 = await preview(new TextDecoder().decode(Buffer.from(`\uFEFF${HEADER}`, 'utf16le')))
    expect(utf16.errors[0]?.line).toBe(1)
    expect(count()).toBe(0)
  })

  it('caps notes at 500 characters on import as in the editor, and refuses control characters in both', async () => {
    const note = (n: number) => 'n'.repeat(n)
    const result = await preview(
      `${HEADER}2024-01-02,buy,BTC,0.1,USD,4500,,,,${note(500)}\n2024-01-03,buy,BTC,0.1,USD,4500,,,,${note(501)}\n`
    )
    expect(result.errors).toEqual([
      { line: 3, reason: `note is 501 characters long ("${'n'.repeat(40)}…"); a note holds at most 500` }
    ])
    expect(result.imported).toBe(1)
    const draft = {
      kind: 'buy',
      at: '2024-03-01',
      symbol: 'BTC',
      quantity: '0.1',
      quoteSymbol: 'USD',
      quoteQuantity: '6000'
    }
    expect(await envelope('portfolio:add-transaction', { draft: { ...draft, note: note(501) } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/at most 500 characters/) }
    })
    const hostile = await envelope('portfolio:add-transaction', { draft: { ...draft, note: `a${HOSTILE}` } })
    expect(hostile).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.stringify(hostile)).toMatch(/must not hold control characters \(found U\+001B\)/)
    expect(await envelope('portfolio:preview-import', { text: HEADER, fileName: `x${ESC}[2J.csv` })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    // Line breaks and tabs in a note are text, not controls.
    expect(
      await envelope('portfolio:add-transaction', { draft: { ...draft, note: 'two\nlines\tand a tab' } })
    ).toMatchObject({ ok: true })
  })

  it('prints text stored by an older version with escapes shown, not acted on', async () => {
    core.services.db
      .prepare(
        `INSERT INTO portfolio_transactions (kind, at, day, symbol, coin_id, quantity, note, source, created_at, updated_at)
         VALUES ('holding', ?, 19724, ?, NULL, '1', ?, 'generic', 0, 0)`
      )
      .run(Date.parse('2024-01-02T00:00:00Z'), `X${ESC}[31m`, HOSTILE)
    core.close()
    for (const args of [
      ['portfolio', 'holdings'],
      ['portfolio', 'transactions'],
      ['portfolio', 'transactions', '--json']
    ]) {
      const cli = await runCliCaptured([...args, '--data-dir', dir])
      expect(cli.code).toBe(0)
      expect(cli.stdout + cli.stderr).not.toMatch(CONTROL)
      expect(cli.stdout).toMatch(/X(\\x1b|\\u001b)\[31m/i)
    }
  })
})
