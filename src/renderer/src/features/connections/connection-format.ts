// Pure words and numbers for the Connections view (no DOM), so they can be tested on their own.
import type { Connection, ConnectionSyncResult, ReconcileRow } from '@shared/contract/connections'
import { exchangeAddressProblem, exchangeInfo } from '@shared/exchanges'
import type { ExchangeId } from '@shared/exchanges'
import { fieldLabels } from '@shared/field-input'
import { exactQuantity, isoDateTime, plural } from '@shared/format'

/**
 * An exact difference with its sign: "+0.0031", "−0.098" (one real minus, never a hyphen), "0".
 * The core sends exchange minus ledger as decimal text.
 */
export function signedQuantity(text: string): string {
  if (!/[1-9]/.test(text)) return '0'
  return text.startsWith('-') ? exactQuantity(text) : `+${exactQuantity(text)}`
}

/** What one sync did, in a sentence. */
export function syncResultWords(result: ConnectionSyncResult): string {
  const label = exchangeInfo[result.exchange].label
  if (!result.ok) return `${label} sync failed: ${result.error?.message ?? 'no reason was given.'}`
  return `${label} synced: ${plural(result.written, 'new transaction')}, ${plural(result.duplicates, 'already stored', 'already stored')}.`
}

/** The last sync in words: when, and whether it worked. */
export function lastSyncWords(c: Pick<Connection, 'lastSyncAt' | 'lastSyncStatus' | 'lastError'>): string {
  if (c.lastSyncAt === null) return 'Never synced'
  const when = isoDateTime(c.lastSyncAt)
  return c.lastSyncStatus === 'failed' ? `Failed at ${when}: ${c.lastError ?? 'no reason was given.'}` : `OK at ${when}`
}

/** The key's last use and how many requests it has made. */
export function usageWords(c: Pick<Connection, 'lastUsedAt' | 'requestCount'>): string {
  if (c.lastUsedAt === null) return 'Not used yet'
  return `${isoDateTime(c.lastUsedAt)}, ${plural(c.requestCount, 'request')} in all`
}

export interface KeyForm {
  apiKey: string
  secret: string
  apiUrl: string
}

/**
 * The add form read before it is sent, each refusal naming its field as the core would: the key
 * and secret long enough, another address https (or this computer).
 */
export function keyFormProblems(form: KeyForm): Partial<Record<keyof KeyForm, string>> {
  const problems: Partial<Record<keyof KeyForm, string>> = {}
  if (form.apiKey.trim().length < 8)
    problems.apiKey = `${fieldLabels.apiKey}: paste the whole key; it has at least 8 characters.`
  if (form.secret.trim().length < 8)
    problems.secret = `${fieldLabels.secret}: paste the whole secret; it has at least 8 characters.`
  const address = form.apiUrl.trim()
  const wrong = address === '' ? null : exchangeAddressProblem(address)
  if (wrong) problems.apiUrl = `${fieldLabels.apiUrl}: it ${wrong}.`
  return problems
}

/** The exchanges a person can pick, and a sentence on those that cannot be connected yet. */
export function exchangeChoice(connectable: readonly ExchangeId[], all: readonly ExchangeId[]) {
  const later = all.filter((id) => !connectable.includes(id)).map((id) => exchangeInfo[id].label)
  return {
    options: connectable.map((id) => ({ value: id, label: exchangeInfo[id].label, testId: `add-exchange-${id}` })),
    laterWords:
      later.length === 0
        ? null
        : `${later.join(' and ')} cannot be connected yet; import ${later.length === 1 ? 'its' : 'their'} CSV export instead.`
  }
}

/** Whether a row still has a difference worth recording. */
export function hasDifference(row: ReconcileRow): boolean {
  return row.cause !== 'match' && /[1-9]/.test(row.difference)
}
