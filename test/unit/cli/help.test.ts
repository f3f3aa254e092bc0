import { describe, expect, it } from 'vitest'
import {
  costMethodLabels,
  costMethods,
  importFormatLabels,
  importFormats,
  indexTops,
  indexWindows
} from '../../../src/shared/domain'
import { runCliCaptured } from '../../support/run-cli'

async function help(args: string[]): Promise<string> {
  const result = await runCliCaptured(args)
  expect(result).toMatchObject({ code: 0, stderr: '' })
  return result.stdout
}

/** The help line of one option, e.g. "  --top N   universe size: 100 or 50 …". */
function optionLine(text: string, flag: string): string {
  const line = text.split('\n').find((l) => l.trimStart().startsWith(`${flag} `))
  expect(line, `${flag} in help`).toBeDefined()
  return line ?? ''
}

/** A line of a vocabulary section: the member, then what it is called. */
function vocabularyLine(member: string, label: string): RegExp {
  return new RegExp(`^  ${member} +${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm')
}

describe('help', () => {
  it('lists every command and the global options, on stdout with exit 0', async () => {
    const text = await help(['--help'])
    for (const command of ['info', 'sync', 'index', 'history', 'portfolio', 'hints', 'backtest', 'serve'])
      expect(text).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
    for (const option of ['--data-dir DIR', '--json', '--version', '--help']) expect(text).toContain(option)
    expect(await help(['help'])).toBe(text)
  })

  it.each(['index', 'history'])('%s --help lists the tops and windows of src/shared/domain.ts', async (command) => {
    const text = await help([command, '--help'])
    const top = optionLine(text, '--top N')
    for (const value of indexTops) expect(top).toMatch(new RegExp(`\\b${value}\\b`))
    const window = optionLine(text, '--window W')
    for (const value of indexWindows) expect(window).toMatch(new RegExp(`\\b${value}\\b`))
    expect(text).toContain('--no-peg-detect')
    // Global options are listed with each command's own.
    expect(text).toContain('--data-dir DIR')
    expect(await help(['help', command])).toBe(text)
  })

  it('portfolio --help lists its subcommands, the import formats and the cost methods with their names', async () => {
    const text = await help(['portfolio', '--help'])
    for (const sub of ['import', 'holdings', 'transactions', 'lots'])
      expect(text).toMatch(new RegExp(`^  ${sub}\\b`, 'm'))
    for (const format of importFormats) expect(text).toMatch(vocabularyLine(format, importFormatLabels[format]))
    for (const method of costMethods) expect(text).toMatch(vocabularyLine(method, costMethodLabels[method]))
  })

  it('portfolio lots --help and portfolio import --help list the cost methods and the formats', async () => {
    const lots = await help(['portfolio', 'lots', '--help'])
    const method = optionLine(lots, '--method M')
    for (const value of costMethods) expect(method).toContain(value)
    expect(await help(['portfolio', 'help', 'lots'])).toBe(lots)
    const holdings = optionLine(await help(['portfolio', 'holdings', '--help']), '--method M')
    for (const value of costMethods) expect(holdings).toContain(value)

    const importHelp = await help(['portfolio', 'import', '--help'])
    expect(importHelp).toContain('Usage: seasonwatch portfolio import [options] <FILE>')
    const format = optionLine(importHelp, '--format F')
    for (const value of importFormats) expect(format).toContain(value)
    for (const value of importFormats) expect(importHelp).toContain(importFormatLabels[value])
  })

  it('hints --help lists the cost methods', async () => {
    const method = optionLine(await help(['hints', '--help']), '--method M')
    for (const value of costMethods) expect(method).toContain(value)
  })
})
