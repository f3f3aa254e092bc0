/** One CSV record with the file line it starts on (line 1 is the first line of the file). */
export interface CsvRecord {
  line: number
  cells: string[]
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string
  ) {
    super(message)
  }
}

/** Every record of a CSV text at once (see csvRecords). */
export function parseCsv(input: string, delimiter = ','): CsvRecord[] {
  return [...csvRecords(input, delimiter)]
}

/**
 * RFC 4180 reader: quoted cells with "" escapes and line breaks inside quotes, CRLF, LF or CR line
 * ends, and a UTF-8 byte-order mark. Blank lines are skipped but still counted, so every line
 * number matches what a text editor shows. A loop over char codes keeps a 50 MB file well under
 * a second; records come one at a time, so a reader can stop or pause between them.
 */
export function* csvRecords(input: string, delimiter = ','): Generator<CsvRecord, void, undefined> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const sep = delimiter.charCodeAt(0)
  const QUOTE = 34
  const CR = 13
  const LF = 10
  let line = 1
  let recordLine = 1
  let cells: string[] = []
  let i = 0
  const n = text.length
  // The record just ended, or null for a blank line.
  const endRecord = (): CsvRecord | null => {
    const done = cells.length === 1 && cells[0] === '' ? null : { line: recordLine, cells }
    cells = []
    return done
  }
  while (i <= n) {
    if (i === n) {
      const last = cells.length > 0 ? endRecord() : null
      if (last) yield last
      break
    }
    if (cells.length === 0) recordLine = line
    let cell: string
    if (text.charCodeAt(i) === QUOTE) {
      const startLine = line
      let value = ''
      let start = i + 1
      for (;;) {
        const q = text.indexOf('"', start)
        if (q < 0) throw new CsvSyntaxError(startLine, 'a quoted cell is never closed')
        const chunk = text.slice(start, q)
        for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line += 1
        if (!chunk.includes('\n')) for (let k = chunk.indexOf('\r'); k >= 0; k = chunk.indexOf('\r', k + 1)) line += 1
        value += chunk
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"'
          start = q + 2
          continue
        }
        i = q + 1
        break
      }
      const c = i < n ? text.charCodeAt(i) : LF
      if (c !== sep && c !== LF && c !== CR) throw new CsvSyntaxError(line, 'unexpected text after a closing quote')
      cell = value
    } else {
      let j = i
      for (; j < n; j += 1) {
        const c = text.charCodeAt(j)
        if (c === sep || c === LF || c === CR) break
      }
      cell = text.slice(i, j)
      i = j
    }
    cells.push(cell)
    if (i >= n) {
      const last = endRecord()
      if (last) yield last
      break
    }
    const c = text.charCodeAt(i)
    if (c === sep) {
      i += 1
      if (i === n) cells.push('')
      continue
    }
    // End of line: CRLF, LF or a lone CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
    line += 1
    const done = endRecord()
    if (done) yield done
  }
}

/** Which separator a header line uses, judged by its first line: for refusing ';' or tab files clearly. */
export function guessDelimiter(text: string): string {
  const firstLine =
    text
      .slice(0, 4096)
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\n|\r/, 1)[0] ?? ''
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const)
  counts.sort((a, b) => b[1] - a[1])
  const best = counts[0]
  return best && best[1] > 0 ? best[0] : ','
}
