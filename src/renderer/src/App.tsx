import { lazy, Suspense } from 'react'
import type { ComponentType } from 'react'
import type { RouteId } from './lib/routes'
import { routes, useRoute } from './lib/routes'
import { useChannel, useDataInvalidation } from './lib/query'
import { useAppliedTheme } from './lib/theme'
import { SeasonPage } from './features/season/SeasonPage'
import { useAlertNotifications } from './features/rebalance/AlertsPanel'
import { usePriceAlertNotifications } from './features/coins/PriceAlertsPanel'
import { ThemeToggle } from './features/settings/ThemeToggle'
import { OfflineBanner } from './components/sync-status/OfflineBanner'
import { SyncStatus } from './components/sync-status/SyncStatus'

// The Season page is what people open the app for, so it comes with the first load; the other
// pages (and their charts) load when first visited.
const PortfolioPage = lazy(() =>
  import('./features/portfolio/PortfolioPage').then((m) => ({ default: m.PortfolioPage }))
)
const CoinsPage = lazy(() => import('./features/coins/CoinsPage').then((m) => ({ default: m.CoinsPage })))
const ReportsPage = lazy(() => import('./features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })))
const RebalancePage = lazy(() =>
  import('./features/rebalance/RebalancePage').then((m) => ({ default: m.RebalancePage }))
)
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })))

const pages: Record<RouteId, ComponentType> = {
  season: SeasonPage,
  coins: CoinsPage,
  portfolio: PortfolioPage,
  reports: ReportsPage,
  rebalance: RebalancePage,
  settings: SettingsPage
}

export function App() {
  useDataInvalidation()
  useAlertNotifications()
  usePriceAlertNotifications()
  const [route, navigate] = useRoute()
  const settings = useChannel('settings:get')
  const applied = useAppliedTheme(settings.data?.theme ?? 'system')
  const Page = pages[route]

  return (
    <div className="app" data-testid="app-shell" data-theme-applied={applied}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <img src="./icon.svg" alt="" width={24} height={24} />
          <span>Seasonwatch</span>
        </div>
        <nav aria-label="Main" className="app-nav">
          {routes.map((r) => (
            <a
              key={r.id}
              href={`#/${r.id}`}
              data-testid={`nav-${r.id}`}
              aria-current={route === r.id ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault()
                navigate(r.id)
              }}
            >
              {r.label}
            </a>
          ))}
        </nav>
        <SyncStatus />
        <ThemeToggle />
      </header>
      <OfflineBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Page />
        </Suspense>
      </main>
    </div>
  )
}
