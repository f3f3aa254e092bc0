import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The largest request browser mode reads, in bytes. The largest real request is a portfolio import:
 * the contract allows 64 MiB of CSV text, and JSON encoding grows it (every quote and line break
 * becomes two bytes, accented letters two or three). A fully quoted export with CRLF line ends, the
 * worst real shape, grows by about a third; half again covers it with room for the mappings.
 */
export const MAX_BODY_BYTES = 96 * 1024 * 1024

/** How long a refused upload may keep sending (drained, not stored) before its connection is cut. */
const LINGER_MS = 2_000

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' }

/**
 * Reads a request body of at most `limit` bytes. A declared Content-Length over the limit is refused
 * before a byte is read; a chunked body is refused the moment it passes the limit. Either way at most
 * `limit` bytes are ever held, and the caller answers 413 with `refuseUnreadBody`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = declaredLength(req)
  if (declared !== null && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' })
  return new Promise((resolve) => {
    // With a declared length the body goes straight into one buffer of that size: no copies.
    const whole = declared !== null ? Buffer.allocUnsafe(declared) : null
    const chunks: Buffer[] = []
    let size = 0
    const finish = (result: BodyResult) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onAbort)
      req.off('aborted', onAbort)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        req.pause()
        chunks.length = 0
        finish({ ok: false, reason: 'too-large' })
        return
      }
      if (whole) chunk.copy(whole, size)
      else chunks.push(chunk)
      size += chunk.length
    }
    const onEnd = () => finish({ ok: true, body: whole ? whole.subarray(0, size) : Buffer.concat(chunks, size) })
    const onAbort = () => finish({ ok: false, reason: 'aborted' })
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onAbort)
    req.on('aborted', onAbort)
  })
}

/** The Content-Length a request declares, or null when it streams without one. */
function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length']
  if (raw === undefined || req.headers['transfer-encoding'] !== undefined) return null
  const value = Number(raw)
  return Number.isSafeInteger(value) && value >= 0 ? value : null
}

/**
 * Call before answering a request whose body was not read (refused, or too large): the connection
 * closes after the answer, so the rest of the body is never read. It is drained without being kept
 * for a moment first, so that the client reads the answer rather than a reset; then the socket is cut.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  if (req.complete || !hasBody) return
  res.setHeader('Connection', 'close')
  res.once('finish', () => {
    const socket = req.socket
    const timer = setTimeout(() => socket.destroy(), LINGER_MS)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
    req.once('end', () => socket.destroy())
    req.resume()
  })
}
