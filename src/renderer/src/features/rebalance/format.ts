const usdFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2
})

export const usd = (value: number): string => usdFormat.format(value)
export const pct = (value: number | null, digits = 1): string => (value === null ? 'n/a' : `${value.toFixed(digits)}%`)
export const fraction = (value: number | null, digits = 1): string =>
  value === null ? 'n/a' : `${(value * 100).toFixed(digits)}%`

export const sleeveWords = { bitcoin: 'Bitcoin', altcoins: 'Altcoins', stablecoins: 'Stablecoins' } as const
