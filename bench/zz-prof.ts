import { existsSync } from 'node:fs'
import { createCore } from '../src/main/core/create-core'
import { loadLedger, loadTransactionsAndPrices } from '../src/main/portfolio/valuation'
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
import { gainsReport } from '../src/main/portfolio/reports/gains-report'
import { runLedger } from '../src/main/portfolio/ledger/run-ledger'
import { allTransactions } from '../src/main/portfolio/transactions-repo'
import { ledgerCsv, seedMarket } from './portfolio'

async function main() {
  const dir = '/tmp/prof'
  const fresh = !existsSync(`${dir}/seasonwatch.db`)
  const core = createCore({ dataDir: dir, runtime: 'cli', clock: { now: () => Date.parse('2024-12-12T12:00:00Z') } })
  if (fresh) {
    const symbols = seedMarket(core)
    const r = await core.dispatch('portfolio:confirm-import', { text: ledgerCsv(100_000, symbols) }, { runtime: 'cli' })
    console.log('import', r.ok)
  }
  const db = core.services.db
  const market = core.services.market
  for (let k = 0; k < 2; k++) {
    let t = performance.now()
    const stored = allTransactions(db); void cpu
    console.log('allTransactions', (performance.now() - t).toFixed(0))
    t = performance.now()
    const { txs, book } = loadTransactionsAndPrices(db, market)
    console.log('load+prices', (performance.now() - t).toFixed(0), stored.length)
    for (const method of ['fifo', 'hifo', 'average'] as const) {
      t = performance.now()
      const result = runLedger(txs, method, (c, d) => book.at(c, d))
      const tl = performance.now() - t
      t = performance.now()
      const rep = gainsReport(result, { method, timeZone: 'UTC', year: null, names: new Map() })
      const tr = performance.now() - t
      t = performance.now()
      const c0 = cpu()
      await core.dispatch('portfolio:get-gains', { method }, { runtime: 'cli' })
      console.log(method, 'ledger', tl.toFixed(0), 'report', tr.toFixed(0), 'rows', rep.rows.length, 'dispatch total', (performance.now() - t).toFixed(0), 'cpu', (cpu() - c0).toFixed(0))
    }
  }
  void loadLedger
  core.close()
}
main()
