/**
 * The import graph of src/ (checked by `npm run lint`): no cycles, and each layer of the core
 * imports only the layers below it. From the top down:
 *   entry points   main/index.ts, main/ipc, main/cli, main/server
 *   the root       main/core (builds the services in order, binds them to the contract through
 *                  main/handlers and main/rpc, starts what runs in the background)
 *   connections    main/exchanges (exchange connections: they write into the portfolio's ledger)
 *   services       main/portfolio, main/coins, main/market sync (sync-*, provider-*, rate-budget), main/updates
 *   the index      main/season
 *   the store      main/market (reads and writes of the market tables, the as-of rule)
 *   ports          main/ports (clock, logger, secrets, events, settings)
 *   storage        main/db, and src/shared (the contract) under everything
 */
const SYNC = '^src/main/market/(sync-|provider-|rate-budget)'

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'shared-stands-alone',
      comment: 'The contract is shared with the window: it imports nothing of main, preload or renderer.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|preload|renderer)/' }
    },
    {
      name: 'renderer-only-through-the-contract',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|preload)/' }
    },
    {
      name: 'db-is-the-bottom',
      severity: 'error',
      from: { path: '^src/main/db/' },
      to: { path: '^src/main/(?!db/)' }
    },
    {
      name: 'ports-below-services',
      severity: 'error',
      from: { path: '^src/main/ports/' },
      to: { path: '^src/main/(?!ports/|db/)' }
    },
    {
      name: 'market-store-below-the-index',
      comment: 'The market store and the as-of rule serve everyone above; they know nothing of them.',
      severity: 'error',
      from: { path: '^src/main/market/', pathNot: SYNC },
      to: { path: ['^src/main/(season|portfolio|coins|core|handlers|rpc|cli|server|ipc)/', SYNC] }
    },
    {
      name: 'index-below-services',
      comment: 'Sync tells the index that data changed through the event bus, never by import.',
      severity: 'error',
      from: { path: '^src/main/season/' },
      to: { path: ['^src/main/(portfolio|coins|core|handlers|rpc|cli|server|ipc)/', SYNC] }
    },
    {
      name: 'services-below-the-root',
      severity: 'error',
      from: { path: ['^src/main/portfolio/', '^src/main/coins/', '^src/main/updates/', SYNC] },
      to: { path: '^src/main/(core|handlers|rpc|cli|server|ipc)/' }
    },
    {
      name: 'exchanges-below-the-root',
      comment: 'Exchange connections use the portfolio and the market store; only the root and above use them.',
      severity: 'error',
      from: { path: '^src/main/exchanges/' },
      to: { path: ['^src/main/(core|handlers|rpc|cli|server|ipc)/', SYNC] }
    },
    {
      name: 'nothing-below-uses-exchanges',
      severity: 'error',
      from: { path: '^src/main/(portfolio|market|season|ports|db)/' },
      to: { path: '^src/main/exchanges/' }
    },
    {
      name: 'services-apart',
      comment: 'The portfolio, coin pages and the market sync do not know each other.',
      severity: 'error',
      from: { path: ['^src/main/portfolio/', '^src/main/coins/'] },
      to: { path: SYNC }
    },
    {
      name: 'handlers-are-not-entry-points',
      severity: 'error',
      from: { path: '^src/main/(handlers|rpc|core)/' },
      to: { path: '^src/main/(cli|server|ipc)/|^src/main/index\\.ts$' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    exclude: { path: '^src/renderer/public/' }
  }
}
