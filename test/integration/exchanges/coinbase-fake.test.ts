import { createPrivateKey, randomBytes, sign } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeCoinbase } from '../../support/fake-exchanges/coinbase'
import type { CdpKey, FakeCoinbase } from '../../support/fake-exchanges/coinbase'
import { READ_KEY, TRADE_KEY, coinbaseAccount } from '../../support/fake-exchanges/coinbase-data'

/** A CDP JWT as Coinbase documents it, made here so each claim can be got wrong on purpose. */
function token(key: CdpKey, claims: Record<string, unknown>, signer: CdpKey = key): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const head = b64({ alg: 'ES256', typ: 'JWT', kid: key.apiKey, nonce: randomBytes(16).toString('hex') })
  const body = b64({ iss: 'cdp', aud: ['retail_rest_api_proxy'], sub: key.apiKey, nbf: now, exp: now + 120, ...claims })
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), {
    key: createPrivateKey(signer.secret),
    dsaEncoding: 'ieee-p1363'
  })
  return `${head}.${body}.${signature.toString('base64url')}`
}

let fake: FakeCoinbase
beforeEach(async () => {
  fake = await startFakeCoinbase(coinbaseAccount({ btcFills: 3 }))
})
afterEach(() => fake.close())

const PATH = '/api/v3/brokerage/key_permissions'
const ask = (jwt: string, path = PATH) => fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${jwt}` } })

describe('the Coinbase fake checks each request’s JWT as Coinbase does', () => {
  it('answers a token signed by the key, bound to the method and path, within its two minutes', async () => {
    const host = new URL(fake.url).host
    const answer = await ask(token(READ_KEY, { uri: `GET ${host}${PATH}` }))
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ can_view: true, can_trade: false, can_transfer: false })
  })

  it('refuses an expired token, one for another path, one signed by another key, and none', async () => {
    const host = new URL(fake.url).host
    const now = Math.floor(Date.now() / 1000)
    const uri = `GET ${host}${PATH}`
    const refused = [
      token(READ_KEY, { uri, nbf: now - 300, exp: now - 180 }),
      token(READ_KEY, { uri, exp: now + 3600 }),
      token(READ_KEY, { uri: `GET ${host}/api/v3/brokerage/accounts` }),
      token(READ_KEY, { uri }, TRADE_KEY),
      'not-a-token'
    ]
    for (const jwt of refused) expect((await ask(jwt)).status).toBe(401)
  })
})
