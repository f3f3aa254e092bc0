import type { WindowNeed } from '@shared/window-history'
import { go } from '../../lib/routes'

/** Why a window has (almost) nothing to chart, and the setting that changes it. */
export function WindowNeedNote({ need }: { need: WindowNeed }) {
  return (
    <section className="card window-need" data-testid="window-need" aria-labelledby="window-need-title">
      <h2 id="window-need-title">{need.title}</h2>
      {need.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" data-testid="window-need-settings" onClick={() => go('settings')}>
        Open Settings
      </button>
    </section>
  )
}
