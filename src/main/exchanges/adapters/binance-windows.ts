/** Times every Binance stream read in windows shares. */
export const DAY = 86_400_000
/** Binance opened in July 2017: a first sync reads histories from then. */
export const BINANCE_START = Date.UTC(2017, 6, 1)
/** Each new sync reads the last days of a history again: Binance may report a row after its time. */
export const OVERLAP = 3 * DAY
