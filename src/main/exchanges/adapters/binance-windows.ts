/** Times and cursors shared by the Binance histories read in time windows. */
export const DAY = 86_400_000
/** Binance opened in July 2017: a first sync reads histories from then. */
export const BINANCE_START = Date.UTC(2017, 6, 1)
/** Each new sync reads the last days of a history again: Binance may report a row after its time. */
export const OVERLAP = 3 * DAY

/**
 * The cursor of a history that has no offset or id to page by and answers the newest rows of a
 * window first (the dividend record, the dust log): the start of the window, and while a window is
 * read in several answers, the window's end and the end of the next answer inside it.
 */
export interface NewestFirstCursor {
  start: number
  top: number | null
  end: number | null
}

export function readNewestFirst(cursor: string | null, first: number): NewestFirstCursor {
  const [start, top, end] = (cursor ?? '').split(':').map((part) => (part === '' ? NaN : Number(part)))
  if (!Number.isSafeInteger(start)) return { start: first, top: null, end: null }
  const inside = Number.isSafeInteger(top) && Number.isSafeInteger(end)
  return { start: start!, top: inside ? top! : null, end: inside ? end! : null }
}

export const writeNewestFirst = (c: NewestFirstCursor) =>
  c.top === null ? String(c.start) : `${c.start}:${c.top}:${c.end}`

/**
 * Where the next answer starts, given the times of the rows of this one: a full answer is followed
 * by one for the same window ending at the earliest time it held (rows of that millisecond come
 * twice and are kept once, by their ids); otherwise the next window, or, once a window reaches now,
 * a little before now for the next sync. Null when a full answer is all one millisecond, which no
 * window can page through.
 */
export function nextNewestFirst(
  window: { start: number; top: number; end: number },
  times: number[],
  full: boolean,
  now: number,
  first: number
): { next: string; done: boolean } | null {
  if (full) {
    const earliest = Math.min(...times)
    if (earliest >= window.end) return null
    return { next: writeNewestFirst({ start: window.start, top: window.top, end: earliest }), done: false }
  }
  if (window.top < now) return { next: writeNewestFirst({ start: window.top + 1, top: null, end: null }), done: false }
  return { next: writeNewestFirst({ start: Math.max(first, now - OVERLAP), top: null, end: null }), done: true }
}
