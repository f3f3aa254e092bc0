import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Who may use browser mode. The address `serve` prints carries a token that works once: the first
 * visit trades it for a random session id, kept in an HttpOnly cookie, and the token is then dead, so
 * the address left in the browser's history or a terminal scroll-back opens nothing. The cookie is
 * named for the port because browsers do not separate cookies by port: two servers on one machine
 * never overwrite each other's session, and neither accepts the other's.
 */
export interface AccessGate {
  readonly token: string
  readonly cookieName: string
  /** True when the request carries this server's live session cookie. */
  hasSession(req: IncomingMessage): boolean
  /** Trades the address token for a session: the Set-Cookie value, or why not. */
  exchange(candidate: string): { ok: true; cookie: string } | { ok: false; reason: 'wrong-token' | 'token-used' }
}

export function createAccessGate(port: number, token: string = randomBytes(24).toString('base64url')): AccessGate {
  const cookieName = `sw_session_${port}`
  let tokenSpent = false
  let session: string | null = null
  return {
    token,
    cookieName,
    hasSession(req) {
      const live = session
      return live !== null && cookieValues(req.headers.cookie, cookieName).some((value) => sameSecret(value, live))
    },
    exchange(candidate) {
      if (!sameSecret(candidate, token)) return { ok: false, reason: 'wrong-token' }
      if (tokenSpent) return { ok: false, reason: 'token-used' }
      tokenSpent = true
      session = randomBytes(32).toString('base64url')
      return { ok: true, cookie: `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/` }
    }
  }
}

/** Every value sent under one cookie name (a browser may send two cookies of one name). */
function cookieValues(header: string | undefined, name: string): string[] {
  const values: string[] = []
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim())
  }
  return values
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
