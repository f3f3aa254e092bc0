import { importFormatLabels, importFormats } from '../../../shared/domain'
import type { ImportFormat } from '../../../shared/domain'
import { binanceFormat } from './binance'
import { coinbaseFormat } from './coinbase'
import { CsvSyntaxError, guessDelimiter, parseCsv } from './csv'
import type { CsvRecord } from './csv'
import { normalizeHeader } from './fields'
import { genericFormat } from './generic'
import { krakenFormat } from './kraken'
import type { FormatOutput, FormatSpec } from './types'

/** One reader per format the contract names: tsc fails here until a new format has its reader. */
const readers = {
  coinbase: coinbaseFormat,
  binance: binanceFormat,
  kraken: krakenFormat,
  generic: genericFormat
} satisfies Record<ImportFormat, FormatSpec>

/** Detection tries the exchanges' own headers first and the generic format last. */
export const formats: readonly FormatSpec[] = [
  ...importFormats.filter((id) => id !== 'generic').map((id) => readers[id]),
  readers.generic
]

export interface ReadExport extends FormatOutput {
  format: ImportFormat
  /** Data records after the header. */
  rows: number
}

/** A problem with the whole file: reported as one error on the line where it was found. */
export class FileRejected extends Error {
  constructor(
    readonly format: ImportFormat,
    readonly line: number,
    message: string
  ) {
    super(message)
  }
}

// Coinbase puts a few lines of text above its header; nothing else needs to look further down.
const HEADER_SEARCH_LINES = 12

/**
 * Reads an export: finds the header (the format given, or the one whose columns match), then hands
 * the records after it to that format's reader. Throws FileRejected for an empty file, a wrong
 * separator, an unknown header or missing columns.
 */
export function readExport(text: string, now: number, chosen?: ImportFormat): ReadExport {
  const fallback = chosen ?? 'generic'
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new FileRejected(fallback, 1, 'The file is empty.')
  let records: CsvRecord[]
  try {
    records = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new FileRejected(fallback, error.line, `The file is not valid CSV: ${error.message}.`)
    throw error
  }
  const candidates = chosen ? [readers[chosen]] : formats
  let found: { spec: FormatSpec; index: number } | null = null
  for (let index = 0; index < Math.min(records.length, HEADER_SEARCH_LINES) && !found; index += 1) {
    const header = new Set((records[index] as CsvRecord).cells.map(normalizeHeader))
    const spec = candidates.find((f) => f.signature.every((name) => header.has(name)))
    if (spec) found = { spec, index }
  }
  if (!found) {
    const delimiter = guessDelimiter(text)
    if (delimiter !== ',') {
      const shown = delimiter === '\t' ? 'tabs' : `"${delimiter}"`
      throw new FileRejected(
        fallback,
        1,
        `The file separates its columns with ${shown}; exports are read with commas. Save it as comma-separated CSV.`
      )
    }
    if (chosen) {
      const spec = candidates[0] as FormatSpec
      const header = new Set((records[0]?.cells ?? []).map(normalizeHeader))
      const missing = spec.required.filter((name) => !header.has(name))
      throw new FileRejected(
        chosen,
        records[0]?.line ?? 1,
        `This is not a ${importFormatLabels[spec.id]} file: the header lacks ${missing.join(', ')}.`
      )
    }
    throw new FileRejected(
      'generic',
      records[0]?.line ?? 1,
      `The header does not match any known export (${formats.map((f) => importFormatLabels[f.id]).join('; ')}). See the accepted headers in the import help.`
    )
  }
  const { spec, index } = found
  const headerRecord = records[index] as CsvRecord
  const columns = new Map<string, number>()
  headerRecord.cells.forEach((cell, i) => {
    const name = normalizeHeader(cell)
    if (!columns.has(name)) columns.set(name, i)
  })
  const missing = spec.required.filter((name) => !columns.has(name))
  if (missing.length > 0)
    throw new FileRejected(
      spec.id,
      headerRecord.line,
      `The ${importFormatLabels[spec.id]} header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`
    )
  const data = records.slice(index + 1)
  if (data.length === 0) throw new FileRejected(spec.id, headerRecord.line, 'The file has a header but no rows.')
  const width = headerRecord.cells.length
  const shortRows: { line: number; reason: string }[] = []
  const usable = data.filter((record) => {
    if (record.cells.length === width) return true
    shortRows.push({ line: record.line, reason: `has ${record.cells.length} columns where the header has ${width}` })
    return false
  })
  const output = spec.parse({ columns, records: usable, now })
  const errors = [...shortRows, ...output.errors].sort((a, b) => a.line - b.line)
  return { ...output, errors, format: spec.id, rows: data.length }
}
