import type { RouteId } from './lib/routes'
import { routes, useRoute } from './lib/routes'
import { useChannel, useDatabaseInvalidation } from './lib/query'
import { useAppliedTheme } from './lib/theme'
import { SeasonPage } from './features/season/SeasonPage'
import { PortfolioPage } from './features/portfolio/PortfolioPage'
import { RebalancePage } from './features/rebalance/RebalancePage'
import { useAlertNotifications } from './features/rebalance/AlertsPanel'
import { SettingsPage } from './features/settings/SettingsPage'
import { ThemeToggle } from './features/settings/ThemeToggle'
import { OfflineBanner } from './components/sync-status/OfflineBanner'
import { SyncStatus } from './components/sync-status/SyncStatus'

const pages: Record<RouteId, () => React.JSX.Element> = {
  season: SeasonPage,
  portfolio: PortfolioPage,
  rebalance: RebalancePage,
  settings: SettingsPage
}

export function App() {
  useDatabaseInvalidation()
  useAlertNotifications()
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
        <Page />
      </main>
    </div>
  )
}
