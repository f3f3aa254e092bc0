import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { Settings } from '@shared/settings'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'
import './api-key.css'

const statusKey = ['secrets:get-status', null] as const

const backendWords: Record<string, string> = {
  keychain: "Stored encrypted with the operating system's key store.",
  basic_text:
    'This system offers only a weak key store (no keyring service is running), so the key would be protected by a fixed password rather than your login. Prefer setting SEASONWATCH_API_KEY in the environment, or start a keyring service.',
  env: 'The key comes from the SEASONWATCH_API_KEY environment variable; change it there.',
  memory: 'The key is kept in memory only, until Seasonwatch stops.'
}

/**
 * The provider API key: write-only. The renderer only ever learns whether a key is set; the key
 * goes to the core once and is never shown again.
 */
export function ApiKeyPanel({ tier }: { tier: Settings['providerTier'] }) {
  const qc = useQueryClient()
  const status = useChannel('secrets:get-status')
  const save = useChannelMutation('secrets:set-api-key')
  const [key, setKey] = useState('')
  const [done, setDone] = useState<string | null>(null)

  const submit = (apiKey: string | null) =>
    save.mutate(
      { apiKey },
      {
        onSuccess: (data) => {
          qc.setQueryData(statusKey, data)
          setKey('')
          setDone(apiKey === null ? 'Key removed.' : 'Key saved.')
        }
      }
    )

  const data = status.data
  const writable = data?.writable ?? false
  return (
    <fieldset data-testid="api-key-panel">
      <legend>Provider API key</legend>
      <p className="muted" style={{ margin: 0 }}>
        {tier === 'public'
          ? 'The public plan needs no key. A CoinGecko demo or pro key raises the request budget and, for pro, the history depth.'
          : `The ${tier} plan needs its key. It is sent only to the provider's host, in its own header, and never follows a redirect. ${
              data?.backend === 'env'
                ? 'While it comes from the environment, the provider address and plan cannot be changed to another host here.'
                : 'Changing the provider address to another host, or to or from the pro plan, removes it.'
            }`}
      </p>
      <p data-testid="api-key-status" style={{ margin: 0 }}>
        {data ? (data.apiKeySet ? 'A key is set.' : 'No key is set.') : 'Checking…'}
      </p>
      {data ? (
        <p
          className={data.backend === 'basic_text' ? 'warning-note' : 'muted'}
          data-testid="api-key-backend"
          style={{ margin: 0 }}
        >
          {data.backend === 'basic_text' ? <strong>Weak key storage. </strong> : null}
          {backendWords[data.backend]}
        </p>
      ) : null}
      {/* Where the key cannot be written here (environment, no encryption), there is nothing to type. */}
      {writable ? (
        <>
          <label>
            {data?.apiKeySet ? 'Replace the key' : 'Key'}
            <input
              data-testid="settings-api-key"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={key}
              disabled={!writable}
              placeholder={data?.apiKeySet ? 'A key is set; type a new one to replace it' : 'Paste your key'}
              onChange={(e) => {
                setKey(e.target.value)
                setDone(null)
              }}
            />
          </label>
          <div className="form-actions">
            <button
              type="button"
              data-testid="settings-api-key-save"
              disabled={!writable || key.trim().length === 0 || save.isPending}
              onClick={() => submit(key)}
            >
              Save key
            </button>
            {data?.apiKeySet ? (
              <button
                type="button"
                data-testid="settings-api-key-remove"
                disabled={!writable || save.isPending}
                onClick={() => submit(null)}
              >
                Remove key
              </button>
            ) : null}
            {done && !save.error ? (
              <span className="muted" role="status">
                {done}
              </span>
            ) : null}
          </div>
        </>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
      {status.error ? <ErrorNotice error={status.error} onRetry={() => void status.refetch()} /> : null}
    </fieldset>
  )
}
