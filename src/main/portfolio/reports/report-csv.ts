import type { GainsReport, IncomeReport } from '../../../shared/contract/reports'
import { costMethodLabels, priceSourceLabels, termLabels } from '../../../shared/domain'

/** One CSV cell: quoted when it holds a separator, quote or line break. */
function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A cell of free text: a leading =, +, - or @ would make a spreadsheet read it as a formula, so it
 * is kept as text with a leading apostrophe.
 */
function textCell(value: string | null): string {
  return cell(value !== null && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value)
}

const lines = (rows: string[][]) => `${rows.map((row) => row.join(',')).join('\r\n')}\r\n`

/** MM/DD/YYYY, as dates are written on the form. */
const formDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`

/**
 * The gains report in the column layout of IRS Form 8949: Part I (short term) rows first, then
 * Part II (long term). Rows with an unknown amount cannot be filed as they are, so they are not in
 * this file; the full export lists them.
 */
export function gains8949Csv(report: GainsReport): string {
  const header = [
    'Part',
    '(a) Description of property',
    '(b) Date acquired',
    '(c) Date sold or disposed of',
    '(d) Proceeds',
    '(e) Cost or other basis',
    '(f) Code(s)',
    '(g) Amount of adjustment',
    '(h) Gain or (loss)'
  ]
  const rows: string[][] = [header]
  for (const [term, part] of [
    ['short', 'I'],
    ['long', 'II']
  ] as const) {
    for (const r of report.rows) {
      if (r.term !== term || r.proceeds === null || r.costBasis === null || r.gain === null || r.acquired === null)
        continue
      rows.push([
        part,
        textCell(`${r.quantity} ${r.symbol}`),
        formDate(r.acquired),
        formDate(r.sold),
        r.proceeds,
        r.costBasis,
        '',
        '',
        r.gain
      ])
    }
  }
  return lines(rows)
}

/** Every field of every row, unknown amounts as empty cells with the row marked. */
export function gainsFullCsv(report: GainsReport): string {
  const rows: string[][] = [
    [
      'Transaction',
      'Asset',
      'Coin',
      'Cause',
      'Quantity',
      'Date acquired',
      'Date sold',
      'Proceeds (USD)',
      'Cost basis (USD)',
      'Gain or loss (USD)',
      'Term',
      'Proceeds from',
      'Cost from',
      'Complete',
      'Method',
      'Time zone'
    ]
  ]
  for (const r of report.rows) {
    const complete = r.proceeds !== null && r.costBasis !== null && r.gain !== null && r.term !== null
    rows.push([
      String(r.txId),
      textCell(r.symbol),
      textCell(r.coinId),
      r.cause,
      r.quantity,
      r.acquired ?? '',
      r.sold,
      r.proceeds ?? '',
      r.costBasis ?? '',
      r.gain ?? '',
      r.term === null ? '' : termLabels[r.term],
      cell(priceSourceLabels[r.proceedsSource]),
      cell(r.costSources.map((s) => priceSourceLabels[s]).join('; ')),
      complete ? 'yes' : 'no: an amount is unknown',
      cell(costMethodLabels[report.method]),
      cell(report.timeZone)
    ])
  }
  return lines(rows)
}

export function incomeCsv(report: IncomeReport): string {
  const rows: string[][] = [
    ['Transaction', 'Date', 'Asset', 'Coin', 'Quantity', 'Value on receipt (USD)', 'Value from', 'Note', 'Time zone']
  ]
  for (const r of report.rows) {
    rows.push([
      String(r.txId),
      r.date,
      textCell(r.symbol),
      textCell(r.coinId),
      r.quantity,
      r.value ?? '',
      cell(priceSourceLabels[r.source]),
      textCell(r.note),
      cell(report.timeZone)
    ])
  }
  return lines(rows)
}
