import { describe, expect, it } from 'vitest'
import type { ConnectionSyncResult, ReconcileRow } from '../../../src/shared/contract/connections'
import {
  exchangeChoice,
  hasDifference,
  keyFormProblems,
  lastSyncWords,
  signedQuantity,
  syncResultWords,
  usageWords
} from '../../../src/renderer/src/features/connections/connection-format'

const MINUS = '\u2212'
const at = Date.UTC(2024, 11, 11, 14, 5)

describe('the Connections view in words', () => {
  it('writes a difference with one real minus, a plus when the exchange holds more, and every stored digit', () => {
    expect(signedQuantity('-0.098')).toBe(`${MINUS}0.098`)
    expect(signedQuantity('0.0031')).toBe('+0.0031')
    expect(signedQuantity('-1234.50000001')).toBe(`${MINUS}1,234.50000001`)
    expect(signedQuantity('0')).toBe('0')
    expect(signedQuantity('-0.000')).toBe('0')
  })

  it('says what a sync did, or why it failed', () => {
    const ok: ConnectionSyncResult = {
      exchange: 'binance',
      ok: true,
      written: 68,
      duplicates: 1,
      pages: 9,
      requests: 12,
      error: null
    }
    expect(syncResultWords(ok)).toBe('Binance synced: 68 new transactions, 1 already stored.')
    expect(syncResultWords({ ...ok, written: 1, duplicates: 0 })).toBe(
      'Binance synced: 1 new transaction, 0 already stored.'
    )
    expect(
      syncResultWords({
        ...ok,
        ok: false,
        written: 0,
        error: { code: 'UNAUTHORIZED', message: 'Binance refused the key.' }
      })
    ).toBe('Binance sync failed: Binance refused the key.')
  })

  it('dates the last sync and use in UTC, and says when there was none', () => {
    expect(lastSyncWords({ lastSyncAt: null, lastSyncStatus: null, lastError: null })).toBe('Never synced')
    expect(lastSyncWords({ lastSyncAt: at, lastSyncStatus: 'ok', lastError: null })).toBe('OK at 2024-12-11 14:05 UTC')
    expect(
      lastSyncWords({ lastSyncAt: at, lastSyncStatus: 'failed', lastError: 'Binance could not be reached.' })
    ).toBe('Failed at 2024-12-11 14:05 UTC: Binance could not be reached.')
    expect(usageWords({ lastUsedAt: null, requestCount: 0 })).toBe('Not used yet')
    expect(usageWords({ lastUsedAt: at, requestCount: 1234 })).toBe('2024-12-11 14:05 UTC, 1,234 requests in all')
  })

  it('refuses a short key or secret and a plain-http address elsewhere, naming the field', () => {
    expect(keyFormProblems({ apiKey: 'abc', secret: '  short ', apiUrl: 'http://example.com' })).toEqual({
      apiKey: 'API key: paste the whole key; it has at least 8 characters.',
      secret: 'Secret: paste the whole secret; it has at least 8 characters.',
      apiUrl: expect.stringMatching(/^Other address: it .*https/)
    })
    const pem = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBk\n-----END EC PRIVATE KEY-----\n'
    expect(
      keyFormProblems({ apiKey: 'organizations/1/apiKeys/2', secret: pem, apiUrl: 'http://127.0.0.1:8080' })
    ).toEqual({})
  })

  it('offers only the exchanges that can be connected, and names the others', () => {
    const choice = exchangeChoice(['binance'], ['binance', 'kraken', 'coinbase'])
    expect(choice.options.map((o) => o.label)).toEqual(['Binance'])
    expect(choice.laterWords).toBe('Kraken and Coinbase cannot be connected yet; import their CSV export instead.')
    expect(exchangeChoice(['binance', 'kraken', 'coinbase'], ['binance', 'kraken', 'coinbase']).laterWords).toBeNull()
  })

  it('offers to record only a real difference', () => {
    const row: ReconcileRow = {
      symbol: 'BNB',
      exchange: '0.0031',
      ledger: '0',
      difference: '0.0031',
      cause: 'not-in-ledger',
      causeWords: 'x'
    }
    expect(hasDifference(row)).toBe(true)
    expect(hasDifference({ ...row, difference: '0', cause: 'match' })).toBe(false)
  })
})
