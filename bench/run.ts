// `npm run bench`: runs every benchmark suite (or those named on the command line) and prints
// their figures. Benchmarks report numbers; they are not pass/fail tests.
const suites: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  season: () => import('./season'),
  portfolio: () => import('./portfolio'),
  rebalance: () => import('./rebalance'),
  coins: () => import('./coins'),
  sync: () => import('./sync'),
  'first-index': () => import('./first-index'),
  ui: () => import('./ui'),
  soak: () => import('./soak'),
  server: () => import('./server'),
  exchanges: () => import('./exchanges')
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const names = wanted.length > 0 ? wanted : Object.keys(suites)
  for (const name of names) {
    const load = suites[name]
    if (!load) throw new Error(`no benchmark suite "${name}"; known: ${Object.keys(suites).join(', ')}`)
    process.stdout.write(`\n== ${name} ==\n`)
    await (await load()).run()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
