import { describe, expect, it } from 'vitest'
import {
  buildUrl,
  parseRetryAfter,
  PRO_BASE_URL,
  providerEndpoint,
  PUBLIC_BASE_URL
} from '../../../src/main/market/provider-client'

describe('provider endpoint', () => {
  it('uses the public URL without a key, the demo header with a demo key, the pro URL and header with a pro key', () => {
    expect(providerEndpoint('public', null)).toEqual({
      baseUrl: PUBLIC_BASE_URL,
      headers: { accept: 'application/json' }
    })
    expect(providerEndpoint('demo', 'CG-demo-key').headers).toMatchObject({ 'x-cg-demo-api-key': 'CG-demo-key' })
    const pro = providerEndpoint('pro', 'CG-pro-key')
    expect(pro.baseUrl).toBe(PRO_BASE_URL)
    expect(pro.headers).toMatchObject({ 'x-cg-pro-api-key': 'CG-pro-key' })
    expect(pro.headers).not.toHaveProperty('x-cg-demo-api-key')
  })

  it('lets an explicit URL win and drops its trailing slash', () => {
    expect(providerEndpoint('pro', 'k', 'http://127.0.0.1:9/api/v3/').baseUrl).toBe('http://127.0.0.1:9/api/v3')
    expect(providerEndpoint('public', null, '').baseUrl).toBe(PUBLIC_BASE_URL)
  })

  it('builds query strings with encoded values', () => {
    expect(buildUrl('http://h/api/v3', '/coins/markets', { vs_currency: 'usd', category: 'a b&c', page: 2 })).toBe(
      'http://h/api/v3/coins/markets?vs_currency=usd&category=a+b%26c&page=2'
    )
  })

  it('reads Retry-After as seconds or as an HTTP date, and null when absent or garbage', () => {
    const now = Date.parse('2024-05-01T00:00:00Z')
    expect(parseRetryAfter('7', now)).toBe(7_000)
    expect(parseRetryAfter('1.5', now)).toBe(1_500)
    expect(parseRetryAfter('Wed, 01 May 2024 00:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter(null, now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
  })
})
