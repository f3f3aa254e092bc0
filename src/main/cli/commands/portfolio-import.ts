import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command } from '@commander-js/extra-typings'
import { importFormatLabels, importFormats } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { megabytes } from '../../../shared/format'
import type { Runner } from '../context'
import { choiceOption, parsedOption, vocabularyHelp } from '../options'
import { UsageError } from '../usage-error'

export function portfolioImportCommand(run: Runner) {
  return new Command('import')
    .description('import an exchange export (see docs/import-formats.md): every row or none')
    .argument('<FILE>', 'the CSV file to read')
    .addOption(
      choiceOption('--format <F>', importFormats, (list) => `the export's format: ${list} (default: detected)`)
    )
    .option('--dry-run', 'check the file and report what would be imported, writing nothing')
    .addOption(
      parsedOption(
        '--map <SYM=ID>',
        'which provider coin an ambiguous symbol means, e.g. ETH=ethereum; several separated by commas',
        parseMappings
      )
    )
    .addHelpText('after', vocabularyHelp('Formats', importFormatLabels, importFormats))
    .action(
      run(async (context, file, options) => {
        const input = { text: readText(file), format: options.format, fileName: file, mappings: options.map }
        const preview = await context.call('portfolio:preview-import', input)
        const failed = preview.errors.length > 0
        const result = failed || options.dryRun ? preview : await context.call('portfolio:confirm-import', input)
        // DESIGN.md section 5: this shape is what scripts read; the preview's details stay out of it.
        const doc = {
          format: result.format,
          rows: result.rows,
          imported: failed ? 0 : result.imported,
          duplicates: result.duplicates,
          errors: result.errors
        }
        if (context.json) context.printJson(doc)
        else {
          context.io.stdout.write(
            `${doc.format}: ${doc.rows} rows, ${doc.imported} transactions ${options.dryRun ? 'would be imported' : 'imported'}, ${doc.duplicates} already present\n`
          )
          for (const e of doc.errors) context.io.stdout.write(`line ${e.line}: ${e.reason}\n`)
          if (preview.errorRows > doc.errors.length)
            context.io.stdout.write(`…and ${preview.errorRows - doc.errors.length} more rows with errors\n`)
        }
        if (failed) context.say(`seasonwatch: ${preview.errorRows} row(s) are invalid; nothing was imported`)
        const ambiguous = preview.assets.filter((a) => a.status === 'ambiguous')
        if (ambiguous.length > 0 && options.dryRun) {
          context.say(
            `these symbols need --map: ${ambiguous.map((a) => `${a.symbol} (${a.candidates.map((c) => c.id).join(', ')})`).join('; ')}`
          )
        }
        return failed ? 1 : 0
      })
    )
}

/** The most an import reads: the contract's limit on the text a window sends. */
const MAX_FILE_BYTES = 64 * 1024 * 1024

/**
 * The file's text, decoded as the window's browser decodes a chosen file: UTF-8, with U+FFFD where
 * a byte is not UTF-8. The core refuses such text with the line of the first one (read-export.ts),
 * so both ways in report a Latin-1 or UTF-16 file the same way, on its line.
 */
function readText(file: string): string {
  let bytes: Buffer
  try {
    const size = statSync(resolve(file)).size
    if (size > MAX_FILE_BYTES)
      throw new AppError(
        'VALIDATION',
        `${file} is ${megabytes(size)}; an import reads at most ${megabytes(MAX_FILE_BYTES)} (split the file)`
      )
    bytes = readFileSync(resolve(file))
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'NOT_FOUND',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    )
  }
  return new TextDecoder('utf-8').decode(bytes)
}

export function parseMappings(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const [symbol, coinId] = pair.split('=').map((s) => s.trim())
    if (!symbol || !coinId) throw new UsageError(`--map takes SYMBOL=coin-id pairs separated by commas, not "${pair}"`)
    out[symbol.toUpperCase()] = coinId
  }
  return out
}
