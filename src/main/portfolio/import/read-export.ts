import { importFormatLabels, importFormats } from '../../../shared/domain'
import type { ImportFormat } from '../../../shared/domain'
import { binanceFormat } from './binance'
import { coinbaseFormat } from './coinbase'
import { excerpt, firstControlCharacter } from '../../../shared/text'
import { runSteps } from '../../ports/time-slices'
import { CsvSyntaxError, csvRecords, guessDelimiter } from './csv'
import type { CsvRecord } from './csv'
import { RowError, normalizeHeader } from './fields'
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
  /** Rows with an error; `errors` lists at most LISTED_ERRORS of them, in line order. */
  errorRows: number
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
/** The longest cell read: ten times any real export's longest (a note), so a 10 MB cell costs nothing. */
export const CELL_LENGTH = 1000
/** Errors listed in full; a file with more says how many more. */
export const LISTED_ERRORS = 1000
/** Records read between chances to pause. */
const RECORDS_PER_STEP = 256

/**
 * Reads an export: finds the header (the format given, or the one whose columns match), then hands
 * the records after it to that format's reader. Throws FileRejected for an empty file, text that
 * was not UTF-8, a wrong separator, an unknown header or missing columns.
 */
export function readExport(text: string, now: number, chosen?: ImportFormat): ReadExport {
  return runSteps(readSteps(text, now, chosen))
}

/** readExport written as steps, yielding every RECORDS_PER_STEP records so the caller may pause. */
export function* readSteps(text: string, now: number, chosen?: ImportFormat): Generator<void, ReadExport, undefined> {
  const fallback = chosen ?? 'generic'
  // A test, not trim(): a copy of a 60 MB text would stall the process for nothing.
  if (/^\uFEFF?\s*$/.test(text)) throw new FileRejected(fallback, 1, 'The file is empty.')
  refuseUnreadableText(text, fallback)
  const records = csvRecords(text)
  try {
    const head: CsvRecord[] = []
    const candidates = chosen ? [readers[chosen]] : formats
    let found: { spec: FormatSpec; index: number } | null = null
    while (!found && head.length < HEADER_SEARCH_LINES) {
      const next = records.next()
      if (next.done) break
      head.push(next.value)
      const header = new Set(next.value.cells.map(normalizeHeader))
      const spec = candidates.find((f) => f.signature.every((name) => header.has(name)))
      if (spec) found = { spec, index: head.length - 1 }
    }
    if (!found) throw noHeader(text, chosen, head[0])
    const { spec, index } = found
    const headerRecord = head[index] as CsvRecord
    const names = headerRecord.cells.map(normalizeHeader)
    const columns = new Map<string, number>()
    names.forEach((name, i) => {
      if (!columns.has(name)) columns.set(name, i)
    })
    const missing = spec.required.filter((name) => !columns.has(name))
    if (missing.length > 0)
      throw new FileRejected(
        spec.id,
        headerRecord.line,
        `The ${importFormatLabels[spec.id]} header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`
      )
    const reader = spec.reader({ columns, now })
    const width = headerRecord.cells.length
    const errors: { line: number; reason: string }[] = []
    let rows = 0
    const read = (record: CsvRecord) => {
      rows += 1
      if (record.cells.length !== width) {
        errors.push({ line: record.line, reason: `has ${record.cells.length} columns where the header has ${width}` })
        return
      }
      const problem = cellProblem(record, names)
      if (problem) {
        errors.push({ line: record.line, reason: problem })
        return
      }
      try {
        reader.row(record)
      } catch (error) {
        if (!(error instanceof RowError)) throw error
        errors.push({ line: record.line, reason: error.message })
      }
    }
    for (const record of head.slice(index + 1)) read(record)
    for (const record of records) {
      read(record)
      if (rows % RECORDS_PER_STEP === 0) yield
    }
    if (rows === 0) throw new FileRejected(spec.id, headerRecord.line, 'The file has a header but no rows.')
    const output = reader.finish()
    const all = output.errors.length > 0 ? [...errors, ...output.errors].sort((a, b) => a.line - b.line) : errors
    return {
      ...output,
      errors: all.slice(0, LISTED_ERRORS),
      errorRows: all.length,
      format: spec.id,
      rows
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new FileRejected(fallback, error.line, `The file is not valid CSV: ${error.message}.`)
    throw error
  }
}

/** Why no header was found: the wrong separator, a chosen format's missing columns, or no known header. */
function noHeader(text: string, chosen: ImportFormat | undefined, first: CsvRecord | undefined): FileRejected {
  const delimiter = guessDelimiter(text)
  if (delimiter !== ',') {
    const shown = delimiter === '\t' ? 'tabs' : `"${delimiter}"`
    return new FileRejected(
      chosen ?? 'generic',
      1,
      `The file separates its columns with ${shown}; exports are read with commas. Save it as comma-separated CSV.`
    )
  }
  if (chosen) {
    const spec = readers[chosen]
    const header = new Set((first?.cells ?? []).map(normalizeHeader))
    const missing = spec.required.filter((name) => !header.has(name))
    return new FileRejected(
      chosen,
      first?.line ?? 1,
      `This is not a ${importFormatLabels[spec.id]} file: the header lacks ${missing.join(', ')}.`
    )
  }
  return new FileRejected(
    'generic',
    first?.line ?? 1,
    `The header does not match any known export (${formats.map((f) => importFormatLabels[f.id]).join('; ')}). See the accepted headers in the import help.`
  )
}

/**
 * Text decoded from bytes that were not UTF-8 carries U+FFFD where each unreadable byte was: the
 * browser's File.text() and Node's readFile both decode that way. Such a file (a Latin-1 or
 * Windows-1252 export, a UTF-16 one) is refused with the line of the first one, rather than
 * imported with its names and notes quietly changed.
 */
function refuseUnreadableText(text: string, format: ImportFormat): void {
  const at = text.indexOf('\uFFFD')
  if (at < 0) return
  throw new FileRejected(
    format,
    lineAt(text, at),
    'The file is not UTF-8 text: this line has a character that could not be read (shown as \uFFFD). Save the file as UTF-8 ("CSV UTF-8" in Excel) and import it again.'
  )
}

/** The line (from 1) that a position of the text is on, counting CRLF, LF and lone CR line ends. */
export function lineAt(text: string, position: number): number {
  let line = 1
  for (let i = 0; i < position; i += 1) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line += 1
  }
  return line
}

/**
 * A cell too long to be real, or holding a control character (NUL, ESC and the like: they would
 * reach a terminal or be stored), refuses its row; the reason names the column and shows a short,
 * safe excerpt.
 */
function cellProblem(record: CsvRecord, names: readonly string[]): string | null {
  const cells = record.cells
  const column = (i: number) => (names[i] ? `${excerpt(names[i] as string, 30)} cell` : `cell in column ${i + 1}`)
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i] as string
    if (cell.length > CELL_LENGTH)
      return `the ${column(i)} is ${cell.length.toLocaleString('en-US')} characters long ("${excerpt(cell, 20)}"); a cell holds at most ${CELL_LENGTH.toLocaleString('en-US')}`
    const control = firstControlCharacter(cell)
    if (control)
      return `the ${column(i)} holds a control character (${control}), which an export never has ("${excerpt(cell, 20)}")`
  }
  return null
}
