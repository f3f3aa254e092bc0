import { useState } from 'react'
import type { ImportFormat, ImportResult } from '@shared/contract/portfolio'
import { importFormatLabels, importFormats } from '@shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannelMutation } from '../../lib/query'
import { routeHref } from '../../lib/routes'
import { count, kindWords, quantity } from './portfolio-format'
import { FeeCell, ValueCell } from './PriceCells'
import { unknownValueWarning, valuationWords } from './value-gap-words'

/**
 * Pick a file → preview (nothing written yet) → resolve ambiguous symbols → import. The file is
 * read here and its text sent to the core, which parses and checks every row.
 */
export function ImportWizard({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null)
  const [format, setFormat] = useState<ImportFormat | 'auto'>('auto')
  const [mappings, setMappings] = useState<Record<string, string>>({})
  const [done, setDone] = useState<ImportResult | null>(null)
  const preview = useChannelMutation('portfolio:preview-import')
  // The same preview with the user's coin choices: a symbol's rows are valued once its coin is known.
  const revalue = useChannelMutation('portfolio:preview-import')
  const confirm = useChannelMutation('portfolio:confirm-import')

  const input = (f: { name: string; text: string }, fmt = format) => ({
    text: f.text,
    fileName: f.name,
    ...(fmt === 'auto' ? {} : { format: fmt })
  })

  async function choose(list: FileList | null) {
    const picked = list?.[0]
    setDone(null)
    setMappings({})
    confirm.reset()
    revalue.reset()
    if (!picked) return
    const f = { name: picked.name, text: await picked.text() }
    setFile(f)
    preview.mutate(input(f))
  }

  const result = preview.data
  const ambiguous = result?.assets.filter((a) => a.status === 'ambiguous') ?? []
  const unresolved = ambiguous.filter((a) => !mappings[a.symbol])
  const valued = unresolved.length === 0 && ambiguous.length > 0 ? (revalue.data ?? result) : result
  const unknownWarning = valued ? unknownValueWarning(valued.valuation.unknown) : null

  function chooseCoin(symbol: string, coinId: string) {
    const next = { ...mappings, [symbol]: coinId }
    setMappings(next)
    const done = ambiguous.every((a) => next[a.symbol])
    if (file && done) revalue.mutate({ ...input(file), mappings: next })
  }
  const canImport =
    !!result && result.errors.length === 0 && unresolved.length === 0 && result.imported > 0 && !confirm.isPending

  return (
    <div className="stack">
      <section className="card">
        <h2>Import an exchange export</h2>
        <p className="muted">
          Coinbase&apos;s transaction history report, Binance&apos;s spot transaction history, Kraken&apos;s
          ledgers.csv, or the generic format. You see what would be imported before anything is saved; importing the
          same file again adds nothing twice.
        </p>
        <div className="form-grid">
          <label>
            Format
            <select
              value={format}
              data-testid="import-format"
              onChange={(e) => {
                const fmt = e.target.value as ImportFormat | 'auto'
                setFormat(fmt)
                setMappings({})
                revalue.reset()
                if (file) preview.mutate(input(file, fmt))
              }}
            >
              <option value="auto">Detect from the header</option>
              {importFormats.map((f) => (
                <option key={f} value={f}>
                  {importFormatLabels[f]}
                </option>
              ))}
            </select>
          </label>
          <label>
            CSV file
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="import-file"
              onChange={(e) => void choose(e.target.files)}
            />
          </label>
        </div>
      </section>
      {preview.isPending ? <p className="muted">Reading {file?.name}…</p> : null}
      {preview.error ? <ErrorNotice error={preview.error} /> : null}
      {result && !done ? (
        <section className="card" data-testid="import-preview">
          <h2>
            {file?.name}: {importFormatLabels[result.format]}
          </h2>
          <p>
            {result.rows} rows · <strong>{result.imported}</strong> transactions to import · {result.duplicates} already
            imported · {result.skipped} with nothing to track
          </p>
          {result.errors.length > 0 ? (
            <div className="warning" data-testid="import-errors" role="alert">
              <p>
                <strong>
                  {result.errorRows} row{result.errorRows > 1 ? 's' : ''} cannot be read, so nothing can be imported.
                </strong>{' '}
                Fix them in the file and choose it again.
              </p>
              <ul className="import-errors">
                {result.errors.slice(0, 200).map((e) => (
                  <li key={`${e.line}-${e.reason}`}>
                    Line {e.line}: {e.reason}
                  </li>
                ))}
              </ul>
              {result.errorRows > 200 ? <p>…and {result.errorRows - 200} more.</p> : null}
            </div>
          ) : null}
          {ambiguous.length > 0 ? (
            <div data-testid="import-ambiguous">
              <p>
                These symbols name more than one coin. Choose which one this file means (remembered for later{' '}
                {importFormatLabels[result.format]} files):
              </p>
              <div className="form-grid">
                {ambiguous.map((a) => (
                  <label key={a.symbol}>
                    {a.symbol}
                    <select
                      value={mappings[a.symbol] ?? ''}
                      data-testid={`map-${a.symbol}`}
                      onChange={(e) => chooseCoin(a.symbol, e.target.value)}
                    >
                      <option value="">Choose…</option>
                      {a.candidates.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name} ({c.id}
                          {c.rank ? `, #${c.rank}` : ''})
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
            </div>
          ) : null}
          {result.assets.some((a) => a.status === 'unknown') ? (
            <p className="muted">
              Not among the stored coins yet (kept by symbol, valued once market data has them):{' '}
              {result.assets
                .filter((a) => a.status === 'unknown')
                .map((a) => a.symbol)
                .join(', ')}
            </p>
          ) : null}
          {valued && valued.imported > 0 && result.errors.length === 0 ? (
            <div data-testid="import-valuation">
              <p>
                <strong>How they will be valued</strong> with the prices stored now:{' '}
                {valuationWords(valued.valuation).join(' · ')}.
                {unresolved.length > 0
                  ? ` Rows of ${unresolved.map((a) => a.symbol).join(', ')} are valued once you choose the coin above.`
                  : ''}
              </p>
              {unknownWarning && unresolved.length === 0 ? (
                <p className="card notice" role="status" data-testid="import-unknown-warning">
                  {unknownWarning}
                </p>
              ) : null}
            </div>
          ) : null}
          {valued && valued.sample.length > 0 ? (
            <table className="data">
              <thead>
                <tr>
                  <th>Line</th>
                  <th>Date (UTC)</th>
                  <th>Type</th>
                  <th className="num">Quantity</th>
                  <th>Asset</th>
                  <th>Paid / received</th>
                  <th>Fee</th>
                  <th className="num">Value</th>
                </tr>
              </thead>
              <tbody>
                {valued.sample.map((t) => (
                  <tr key={`${t.line}-${t.symbol}-${t.kind}`}>
                    <td>{t.line}</td>
                    <td>{t.at.slice(0, 16).replace('T', ' ')}</td>
                    <td>{kindWords[t.kind]}</td>
                    <td className="num">{quantity(t.quantity)}</td>
                    <td>{t.symbol}</td>
                    <td>{t.quoteQuantity ? `${quantity(t.quoteQuantity)} ${t.quoteSymbol ?? ''}` : ''}</td>
                    <td>
                      <FeeCell t={t} />
                    </td>
                    <td className="num">
                      <ValueCell t={t} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.imported > result.sample.length ? (
            <p className="muted">…and {result.imported - result.sample.length} more.</p>
          ) : null}
          {confirm.error ? <ErrorNotice error={confirm.error} /> : null}
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              data-testid="import-confirm"
              disabled={!canImport}
              onClick={() => {
                if (!file) return
                confirm.mutate(
                  { ...input(file), mappings },
                  {
                    onSuccess: (r) => {
                      setDone(r)
                      onImported()
                    }
                  }
                )
              }}
            >
              Import {result.imported} transaction{result.imported === 1 ? '' : 's'}
            </button>
          </div>
        </section>
      ) : null}
      {done ? (
        <p role="status" data-testid="import-done">
          Imported {done.imported} transactions from {file?.name} ({done.duplicates} were already there).{' '}
          {done.valuation.unknown > 0 ? (
            <a href={routeHref('portfolio', 'transactions', 'missing')} data-testid="import-done-missing">
              Enter the {count(done.valuation.unknown, 'missing value')}
            </a>
          ) : (
            <a href={routeHref('portfolio', 'holdings')}>See your holdings</a>
          )}
        </p>
      ) : null}
    </div>
  )
}
