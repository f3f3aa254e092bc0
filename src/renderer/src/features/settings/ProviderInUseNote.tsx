import { useChannel } from '../../lib/query'

const sourceWords = {
  environment: 'set by SEASONWATCH_PROVIDER_URL where Seasonwatch started; it wins over the address below',
  settings: 'the address below',
  plan: "the plan's own address"
} as const

/** The address the sync really uses, so the page never shows the public default while another is in use. */
export function ProviderInUseNote() {
  const provider = useChannel('sync:get-provider')
  if (!provider.data) return null
  return (
    <span className="provider-in-use" data-testid="settings-provider-in-use">
      In use: <code>{provider.data.address}</code> ({sourceWords[provider.data.source]}).{' '}
    </span>
  )
}
