import type { Database } from 'better-sqlite3'
import type { Regime } from '../../../shared/contract/season'
import type { Alert } from '../../../shared/contract/rebalance'
import { createJsonStore } from '../../db/settings-repo'
import type { AlertDraft, AlertState } from './alerts'
import type { RegimeTargets, TargetSplit } from './targets'
import { defaultTargets } from './targets'

const ALERT_STATE_KEY = 'rebalance.alert-state'

interface TargetRow {
  regime: Regime
  bitcoin: number
  altcoins: number
  stablecoins: number
  alt_weights: string
}

interface AlertRow {
  id: number
  kind: Alert['kind']
  title: string
  body: string
  as_of: string
  created_at: number
}

export interface RebalanceRepo {
  targets(): RegimeTargets
  setTargets(regime: Regime, split: TargetSplit | null, now: number): void
  alerts(limit: number): Alert[]
  /** Stores the drafts whose key is new and the state, in one transaction; returns what was new. */
  recordAlerts(drafts: readonly AlertDraft[], state: AlertState, now: number): Alert[]
  alertState(): AlertState | null
}

export function createRebalanceRepo(db: Database): RebalanceRepo {
  const appState = createJsonStore(db, 'app_state')
  const selectTargets = db.prepare<[], TargetRow>(
    'SELECT regime, bitcoin, altcoins, stablecoins, alt_weights FROM rebalance_targets'
  )
  const upsertTarget = db.prepare(
    `INSERT INTO rebalance_targets (regime, bitcoin, altcoins, stablecoins, alt_weights, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (regime) DO UPDATE SET bitcoin = excluded.bitcoin, altcoins = excluded.altcoins,
       stablecoins = excluded.stablecoins, alt_weights = excluded.alt_weights, updated_at = excluded.updated_at`
  )
  const deleteTarget = db.prepare('DELETE FROM rebalance_targets WHERE regime = ?')
  const selectAlerts = db.prepare<[number], AlertRow>(
    'SELECT id, kind, title, body, as_of, created_at FROM alert_history ORDER BY created_at DESC, id DESC LIMIT ?'
  )
  // ON CONFLICT on the key only: OR IGNORE would also swallow a failed CHECK.
  const insertAlert = db.prepare<[string, string, string, string, string, number], AlertRow>(
    `INSERT INTO alert_history (kind, dedupe_key, title, body, as_of, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, kind, title, body, as_of, created_at`
  )

  const record = db.transaction((drafts: readonly AlertDraft[], state: AlertState, now: number): Alert[] => {
    const created: Alert[] = []
    for (const d of drafts) {
      const row = insertAlert.get(d.kind, d.dedupeKey, d.title, d.body, d.asOf, now)
      if (row) created.push(toAlert(row))
    }
    appState.set({ [ALERT_STATE_KEY]: state }, now)
    return created
  })

  return {
    targets() {
      const result: RegimeTargets = { ...defaultTargets }
      for (const row of selectTargets.all()) {
        result[row.regime] = {
          bitcoin: row.bitcoin,
          altcoins: row.altcoins,
          stablecoins: row.stablecoins,
          altWeights: parseWeights(row.alt_weights)
        }
      }
      return result
    },
    setTargets(regime, split, now) {
      if (split === null) deleteTarget.run(regime)
      else
        upsertTarget.run(
          regime,
          split.bitcoin,
          split.altcoins,
          split.stablecoins,
          JSON.stringify(split.altWeights),
          now
        )
    },
    alerts: (limit) => selectAlerts.all(limit).map(toAlert),
    recordAlerts: (drafts, state, now) => record.immediate(drafts, state, now),
    alertState() {
      const value = appState.get(ALERT_STATE_KEY) as AlertState | undefined
      return value && typeof value === 'object' && typeof value.indexDay === 'number' ? value : null
    }
  }
}

function toAlert(row: AlertRow): Alert {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, asOf: row.as_of, createdAt: row.created_at }
}

function parseWeights(text: string): Record<string, number> {
  try {
    const parsed = JSON.parse(text) as unknown
    if (!parsed || typeof parsed !== 'object') return {}
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(
        (e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0
      )
    )
  } catch {
    return {}
  }
}
