// Pure display helpers for the Portfolio page (no DOM), shared by its components.
const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 })
const smallUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 4 })

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return Math.abs(value) > 0 && Math.abs(value) < 1 ? smallUsd.format(value) : usdFormat.format(value)
}

export function signedUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return `${value > 0 ? '+' : ''}${usd(value)}`
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** Decimal text with thousands grouping, keeping every stored digit after the point. */
export function quantity(text: string): string {
  const [whole = '0', frac] = text.replace('-', '').split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${text.startsWith('-') ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`
}

export const bucketWords: Record<string, string> = {
  bitcoin: 'Bitcoin (incl. wrapped)',
  'altcoin-ranked': 'Altcoins in the index',
  'altcoin-other': 'Other altcoins',
  stablecoin: 'Stablecoins',
  unpriced: 'No price yet'
}

export const kindWords: Record<string, string> = {
  buy: 'Buy',
  sell: 'Sell',
  trade: 'Trade',
  transfer_in: 'Transfer in',
  transfer_out: 'Transfer out',
  income: 'Income',
  fee: 'Fee',
  holding: 'I hold'
}
