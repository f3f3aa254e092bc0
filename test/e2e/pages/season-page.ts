import type { Locator, Page } from '@playwright/test'

/** The Season dashboard through its stable data-testids. */
export class SeasonPage {
  readonly value: Locator
  readonly regime: Locator
  readonly asOf: Locator
  readonly chart: Locator
  readonly reviewDate: Locator
  readonly table: Locator
  readonly rows: Locator
  readonly excludedRows: Locator
  readonly search: Locator
  readonly syncStatus: Locator
  readonly syncProgress: Locator
  readonly offlineBanner: Locator
  readonly empty: Locator

  constructor(readonly page: Page) {
    this.value = page.getByTestId('index-value')
    this.regime = page.getByTestId('index-regime')
    this.asOf = page.getByTestId('index-as-of')
    this.chart = page.getByTestId('index-chart')
    this.reviewDate = page.getByTestId('review-date')
    this.table = page.getByTestId('breakdown-table')
    this.rows = this.table.getByTestId('breakdown-row')
    this.excludedRows = page.getByTestId('excluded-row')
    this.search = page.getByTestId('breakdown-search')
    this.syncStatus = page.getByTestId('sync-status')
    this.syncProgress = page.getByTestId('sync-progress')
    this.offlineBanner = page.getByTestId('offline-banner')
    this.empty = page.getByTestId('season-empty')
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-season').click()
  }

  async chooseTop(top: 100 | 50): Promise<void> {
    await this.page.getByTestId('variant-top').locator(`button[data-value="${top}"]`).click()
  }

  async chooseWindow(window: 90 | 30 | 365): Promise<void> {
    await this.page.getByTestId('variant-window').locator(`button[data-value="${window}"]`).click()
  }

  async review(date: string): Promise<void> {
    await this.reviewDate.fill(date)
  }

  async sortBy(key: 'rank' | 'coin' | 'marketCap' | 'return' | 'edge'): Promise<void> {
    await this.page.getByTestId(`sort-${key}`).click()
  }

  /** Coin ids of the table's rows, top to bottom. */
  async rowCoins(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-coin') ?? ''))
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true })
  }
}
