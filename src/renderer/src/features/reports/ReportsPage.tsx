import { useState } from 'react'
import type { CostMethod } from '@shared/domain'
import { costMethodLabels, costMethods } from '@shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { client } from '../../lib/client'
import { useChannel } from '../../lib/query'
import { GainsTable, GainsTotals, unknownRowsWords } from './GainsTable'
import { IncomeTable, IncomeTotals } from './IncomeTable'
import { downloadText } from './download'
import './reports.css'

type Year = number | 'all'
type ExportKind = 'gains-8949' | 'gains-full' | 'income'

const exportLabels: Record<ExportKind, string> = {
  'gains-8949': 'Download Form 8949 CSV',
  'gains-full': 'Download full CSV',
  income: 'Download income CSV'
}

/** The years with gains or income, newest first. */
function yearsOf(gains: readonly number[] | undefined, income: readonly number[] | undefined): number[] {
  return [...new Set([...(gains ?? []), ...(income ?? [])])].sort((a, b) => b - a)
}

function Downloads({ year, method }: { year: Year; method: CostMethod }) {
  const [busy, setBusy] = useState<ExportKind | 'pdf' | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [savedTo, setSavedTo] = useState<string | null>(null)
  // The desktop app saves the printed page as a PDF itself; a browser's print dialog does it there.
  const desktop = useChannel('app:get-info').data?.runtime === 'electron'
  async function savePdf() {
    setBusy('pdf')
    setError(null)
    setSavedTo(null)
    try {
      const span = year === 'all' ? 'all-years' : String(year)
      const result = await client.invoke('app:save-pdf', { fileName: `seasonwatch-report-${span}-${method}.pdf` })
      if (result.saved) setSavedTo(result.path)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }
  async function download(report: ExportKind) {
    setBusy(report)
    setError(null)
    try {
      const file = await client.invoke('portfolio:export-report', {
        report,
        ...(year === 'all' ? {} : { year }),
        ...(report === 'income' ? {} : { method })
      })
      downloadText(file.fileName, file.text, file.mediaType)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="report-actions no-print">
      {(Object.keys(exportLabels) as ExportKind[]).map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`download-${kind}`}
          disabled={busy !== null}
          onClick={() => void download(kind)}
        >
          {busy === kind ? 'Preparing…' : exportLabels[kind]}
        </button>
      ))}
      {desktop ? (
        <button type="button" data-testid="save-pdf" disabled={busy !== null} onClick={() => void savePdf()}>
          {busy === 'pdf' ? 'Saving…' : 'Save as PDF'}
        </button>
      ) : null}
      <button type="button" className="primary" data-testid="print-report" onClick={() => window.print()}>
        Print
      </button>
      {savedTo ? (
        <p className="muted" role="status">
          Saved to {savedTo}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  )
}

export function ReportsPage() {
  const settings = useChannel('settings:get')
  const [picked, setPicked] = useState<Year | null>(null)
  const [pickedMethod, setPickedMethod] = useState<CostMethod | null>(null)
  const method: CostMethod = pickedMethod ?? settings.data?.costBasisMethod ?? 'fifo'
  // Every year first: it says which years have rows (and is the "All years" view).
  const allGains = useChannel('portfolio:get-gains', { method }, { enabled: settings.data !== undefined })
  const allIncome = useChannel('portfolio:get-income', {})
  const years = yearsOf(allGains.data?.years, allIncome.data?.years)
  const year: Year = picked ?? years[0] ?? 'all'
  const oneYear = typeof year === 'number'
  const yearGains = useChannel('portfolio:get-gains', { year: oneYear ? year : 0, method }, { enabled: oneYear })
  const yearIncome = useChannel('portfolio:get-income', { year: oneYear ? year : 0 }, { enabled: oneYear })
  const gains = oneYear ? yearGains : allGains
  const income = oneYear ? yearIncome : allIncome
  const g = gains.data
  const inc = income.data
  const timeZone = g?.timeZone ?? inc?.timeZone ?? settings.data?.taxTimeZone ?? 'UTC'
  const period = year === 'all' ? 'all years' : `tax year ${year}`

  return (
    <div className="page report-page" data-testid="page-reports">
      <h1>
        Reports <span className="print-only">— {period}</span>
      </h1>
      <section className="card report-controls no-print" aria-label="Report options">
        <label>
          Tax year
          <select
            data-testid="report-year"
            value={String(year)}
            onChange={(e) => setPicked(e.target.value === 'all' ? 'all' : Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
            <option value="all">All years</option>
          </select>
        </label>
        <label>
          Cost basis method
          <select
            data-testid="report-method"
            value={method}
            onChange={(e) => setPickedMethod(e.target.value as CostMethod)}
          >
            {costMethods.map((m) => (
              <option key={m} value={m}>
                {costMethodLabels[m]}
                {m === settings.data?.costBasisMethod ? ' (your setting)' : ''}
              </option>
            ))}
          </select>
        </label>
        <Downloads year={year} method={method} />
      </section>
      <p data-testid="report-basis">
        {period === 'all years' ? 'All years' : `Tax year ${year}`}, {costMethodLabels[method]}, dates in{' '}
        <strong>{timeZone}</strong> (the tax time zone, in Settings). Amounts in US dollars, rounded to cents.
      </p>
      <section className="card" aria-labelledby="gains-heading">
        <h2 id="gains-heading">Realized gains</h2>
        {gains.error ? <ErrorNotice error={gains.error} onRetry={() => void gains.refetch()} /> : null}
        {g ? (
          <>
            <GainsTotals report={g} />
            {unknownRowsWords(g.unknownRows, 'row') ? (
              <p className="warning-text" data-testid="gains-unknown">
                {unknownRowsWords(g.unknownRows, 'row')} The Form 8949 file leaves {g.unknownRows === 1 ? 'it' : 'them'}{' '}
                out; the full CSV lists {g.unknownRows === 1 ? 'it' : 'them'}.
              </p>
            ) : null}
            <GainsTable report={g} />
          </>
        ) : gains.error ? null : (
          <p className="muted">Loading gains…</p>
        )}
      </section>
      <section className="card" aria-labelledby="income-heading">
        <h2 id="income-heading">Income</h2>
        <p className="muted">Staking, rewards, airdrops and interest at their value on receipt.</p>
        {income.error ? <ErrorNotice error={income.error} onRetry={() => void income.refetch()} /> : null}
        {inc ? (
          <>
            <IncomeTotals report={inc} />
            {unknownRowsWords(inc.unknownRows, 'income') ? (
              <p className="warning-text" data-testid="income-unknown">
                {unknownRowsWords(inc.unknownRows, 'income')}
              </p>
            ) : null}
            <IncomeTable report={inc} />
          </>
        ) : income.error ? null : (
          <p className="muted">Loading income…</p>
        )}
      </section>
      {g || inc ? (
        <p className="disclaimer" data-testid="report-disclaimer">
          {g?.disclaimer ?? inc?.disclaimer}
        </p>
      ) : null}
    </div>
  )
}
