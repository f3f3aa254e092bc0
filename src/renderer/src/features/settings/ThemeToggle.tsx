import { useQueryClient } from '@tanstack/react-query'
import type { ThemeSetting } from '../../lib/theme'
import { useChannel, useChannelMutation } from '../../lib/query'

const order: ThemeSetting[] = ['system', 'light', 'dark']
const labels: Record<ThemeSetting, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' }

/** Cycles system → light → dark and saves the choice. */
export function ThemeToggle() {
  const qc = useQueryClient()
  const settings = useChannel('settings:get')
  const save = useChannelMutation('settings:set')
  const current = settings.data?.theme ?? 'system'
  const next = order[(order.indexOf(current) + 1) % order.length] ?? 'system'
  return (
    <button
      type="button"
      className="theme-toggle"
      data-testid="theme-toggle"
      aria-label={`${labels[current]}. Switch to ${next}.`}
      disabled={!settings.data || save.isPending}
      onClick={() =>
        save.mutate({ theme: next }, { onSuccess: (data) => qc.setQueryData(['settings:get', null], data) })
      }
    >
      {labels[current]}
    </button>
  )
}
