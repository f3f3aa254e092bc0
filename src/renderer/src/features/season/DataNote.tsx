import { useState } from 'react'
import type { IndexResult } from '@shared/contract/season'
import { describeDataNote } from '@shared/stale-or-partial-note'

const storageKey = 'seasonwatch:data-note-dismissed'
const todayUtc = () => new Date().toISOString().slice(0, 10)

function dismissedToday(key: string): boolean {
  try {
    return window.localStorage.getItem(storageKey) === `${todayUtc()}|${key}`
  } catch {
    return false
  }
}

/**
 * Persistent while the index rests on partial or stale data, whether or not a sync runs; put away
 * for the rest of the (UTC) day with Dismiss. A different situation (more coins in, older data)
 * shows again.
 */
export function DataNote({ index }: { index: Pick<IndexResult, 'partial' | 'staleDays'> }) {
  const note = describeDataNote(index)
  const [dismissed, setDismissed] = useState<string | null>(null)
  if (!note || dismissed === note.key || dismissedToday(note.key)) return null
  const dismiss = () => {
    try {
      window.localStorage.setItem(storageKey, `${todayUtc()}|${note.key}`)
    } catch {
      // Storage refused (private mode): dismissed for this page only.
    }
    setDismissed(note.key)
  }
  return (
    <div className="season-partial" data-testid="data-note" data-kind={note.key} role="status">
      {note.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" className="small" data-testid="data-note-dismiss" onClick={dismiss}>
        Dismiss for today
      </button>
    </div>
  )
}
