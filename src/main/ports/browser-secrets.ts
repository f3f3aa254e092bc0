// Where browser mode keeps the provider API key typed in Settings: the operating system's keyring
// when one answers, otherwise memory until Seasonwatch stops (the Settings page says which). A key
// in SEASONWATCH_API_KEY still wins and is read-only, as for the command line.
import { Entry } from '@napi-rs/keyring'
import { envSecrets, memorySecrets } from './deps'
import type { SecretName, SecretStore } from './deps'

const SERVICE = 'Seasonwatch'

/** The keyring store, or null where no keyring service answers (this throws on such systems). */
export function keyringSecrets(service = SERVICE): SecretStore | null {
  const entry = (name: SecretName) => new Entry(service, name)
  try {
    entry('provider-api-key').getPassword()
  } catch {
    return null
  }
  return {
    backend: 'keychain',
    writable: true,
    get: (name) => entry(name).getPassword() ?? null,
    set: (name, value) => {
      if (value === null || value === '') entry(name).deletePassword()
      else entry(name).setPassword(value)
    },
    has: (name) => (entry(name).getPassword() ?? null) !== null
  }
}

export function browserSecrets(env: NodeJS.ProcessEnv, keyring = keyringSecrets): SecretStore {
  if (env.SEASONWATCH_API_KEY?.trim()) return envSecrets(env)
  return keyring() ?? memorySecrets()
}
