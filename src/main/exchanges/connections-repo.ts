import type { Database } from 'better-sqlite3'
import { keyPermissionsSchema } from '../../shared/exchanges'
import type { ExchangeId, KeyPermissions } from '../../shared/exchanges'

/** A stored connection: never the key, only its last four characters. */
export interface ConnectionRow {
  id: number
  exchange: ExchangeId
  apiUrl: string | null
  keyHint: string
  permissions: KeyPermissions
  overrideAt: number | null
  createdAt: number
  lastSyncAt: number | null
  lastSyncStatus: 'ok' | 'failed' | null
  lastError: string | null
  lastUsedAt: number | null
  requestCount: number
}

interface Raw {
  id: number
  exchange: ExchangeId
  api_url: string | null
  key_hint: string
  permissions: string
  override_at: number | null
  created_at: number
  last_sync_at: number | null
  last_sync_status: 'ok' | 'failed' | null
  last_error: string | null
  last_used_at: number | null
  request_count: number
}

const UNKNOWN: KeyPermissions = { read: null, trade: null, withdraw: null, checked: false }

function fromRaw(raw: Raw): ConnectionRow {
  let permissions = UNKNOWN
  try {
    permissions = keyPermissionsSchema.parse(JSON.parse(raw.permissions))
  } catch {
    // A damaged value shows as "not checked" rather than as a key that can do nothing.
  }
  return {
    id: raw.id,
    exchange: raw.exchange,
    apiUrl: raw.api_url,
    keyHint: raw.key_hint,
    permissions,
    overrideAt: raw.override_at,
    createdAt: raw.created_at,
    lastSyncAt: raw.last_sync_at,
    lastSyncStatus: raw.last_sync_status,
    lastError: raw.last_error,
    lastUsedAt: raw.last_used_at,
    requestCount: raw.request_count
  }
}

export function listConnections(db: Database): ConnectionRow[] {
  return db.prepare<[], Raw>('SELECT * FROM exchange_connections ORDER BY exchange').all().map(fromRaw)
}

export function connectionOf(db: Database, exchange: ExchangeId): ConnectionRow | null {
  const raw = db.prepare<[string], Raw>('SELECT * FROM exchange_connections WHERE exchange = ?').get(exchange)
  return raw ? fromRaw(raw) : null
}

/** Adds a connection, or replaces the key of an existing one (rotation keeps its cursors and history). */
export function upsertConnection(
  db: Database,
  input: {
    exchange: ExchangeId
    apiUrl: string | null
    keyHint: string
    permissions: KeyPermissions
    overrideAt: number | null
  },
  now: number
): ConnectionRow {
  db.prepare(
    `INSERT INTO exchange_connections (exchange, api_url, key_hint, permissions, override_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (exchange) DO UPDATE SET api_url = excluded.api_url, key_hint = excluded.key_hint,
       permissions = excluded.permissions, override_at = excluded.override_at, updated_at = excluded.updated_at,
       last_error = NULL`
  ).run(input.exchange, input.apiUrl, input.keyHint, JSON.stringify(input.permissions), input.overrideAt, now, now)
  return connectionOf(db, input.exchange)!
}

export function removeConnection(db: Database, exchange: ExchangeId): boolean {
  return db.prepare('DELETE FROM exchange_connections WHERE exchange = ?').run(exchange).changes === 1
}

/** Counts requests made with the key ("monitor usage"); written after each sync step, not per request. */
export function recordUsage(db: Database, id: number, requests: number, now: number): void {
  if (requests === 0) return
  db.prepare('UPDATE exchange_connections SET request_count = request_count + ?, last_used_at = ? WHERE id = ?').run(
    requests,
    now,
    id
  )
}

export function recordSyncOutcome(db: Database, id: number, error: string | null, now: number): void {
  db.prepare(
    'UPDATE exchange_connections SET last_sync_at = ?, last_sync_status = ?, last_error = ?, updated_at = ? WHERE id = ?'
  ).run(now, error === null ? 'ok' : 'failed', error, now, id)
}

export function cursorOf(db: Database, connectionId: number, stream: string): string | null {
  return (
    db
      .prepare<[number, string], { cursor: string }>(
        'SELECT cursor FROM exchange_cursors WHERE connection_id = ? AND stream = ?'
      )
      .get(connectionId, stream)?.cursor ?? null
  )
}

/** Called inside the transaction that writes the page the cursor moves past, so both land or neither. */
export function setCursor(db: Database, connectionId: number, stream: string, cursor: string, now: number): void {
  db.prepare(
    `INSERT INTO exchange_cursors (connection_id, stream, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (connection_id, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`
  ).run(connectionId, stream, cursor, now)
}

export function cursorsOf(db: Database, connectionId: number): { stream: string; cursor: string }[] {
  return db
    .prepare<[number], { stream: string; cursor: string }>(
      'SELECT stream, cursor FROM exchange_cursors WHERE connection_id = ? ORDER BY stream'
    )
    .all(connectionId)
}
