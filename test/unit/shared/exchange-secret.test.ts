import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { secretText } from '../../../src/shared/exchanges'
import { envExchangeKeys } from '../../../src/main/ports/exchange-keys'

const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .privateKey.export({ type: 'sec1', format: 'pem' })
  .toString()

describe('an exchange secret as given', () => {
  it('restores the line breaks of a PEM written on one line with "\\n" escapes', () => {
    expect(secretText(pem.trim().replace(/\n/g, '\\n'))).toBe(pem)
    expect(secretText(`  ${pem.replace(/\n/g, '\r\n')}  `)).toBe(pem)
  })

  it('lays out again a PEM whose line breaks were dropped or turned into spaces', () => {
    expect(secretText(pem.replace(/\n/g, ''))).toBe(pem)
    expect(secretText(pem.trim().replace(/\n/g, ' '))).toBe(pem)
  })

  it('leaves any other secret as it is, trimmed', () => {
    expect(secretText('  Zs9Xc2Vb7Nm4Lk1Jh8Gf5Dd3\n')).toBe('Zs9Xc2Vb7Nm4Lk1Jh8Gf5Dd3')
    expect(secretText('ab\\ncd')).toBe('ab\\ncd')
  })

  it('is read whole from the environment', () => {
    const keys = envExchangeKeys({
      SEASONWATCH_COINBASE_API_KEY: 'organizations/o/apiKeys/k',
      SEASONWATCH_COINBASE_API_SECRET: pem.trim().replace(/\n/g, '\\n')
    })
    expect(keys.load('coinbase')).toEqual({ apiKey: 'organizations/o/apiKeys/k', secret: pem })
  })
})
