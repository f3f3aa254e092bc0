// Where browser mode keeps the provider API key typed in Settings: the operating system's keyring
// when one answers, otherwise memory until Seasonwatch stops (the Settings page says which). A key
// in SEASONWATCH_API_KEY still wins and is read-only, as for the command line.
import { envSecrets, memorySecrets } from './deps'
import type { SecretStore } from './deps'
import { keyringProblem, keyringTurnedOff } from './exchange-keys'
import type { KeyringPort } from './exchange-keys'
import { loadOsKeyring } from './os-keyring'

const SERVICE = 'Seasonwatch'

/**
 * The keyring store, or null where no keyring service can keep a key. The same once-per-process
 * probe as the exchange keys' (a write and a removal): where no service runs, reads answer
 * "nothing stored" and only a write tells.
 */
export function keyringSecrets(loader: () => KeyringPort | null = loadOsKeyring): SecretStore | null {
  const keyring = loader()
  if (keyring === null || keyringProblem(loader, keyring) !== null) return null
  return {
    backend: 'keychain',
    writable: true,
    get: (name) => keyring.get(SERVICE, name),
    set: (name, value) => {
      if (value === null || value === '') keyring.delete(SERVICE, name)
      else keyring.set(SERVICE, name, value)
    },
    has: (name) => keyring.get(SERVICE, name) !== null
  }
}

export function browserSecrets(
  env: NodeJS.ProcessEnv,
  keyring: () => SecretStore | null = keyringSecrets
): SecretStore {
  if (env.SEASONWATCH_API_KEY?.trim()) return envSecrets(env)
  if (keyringTurnedOff(env)) return memorySecrets()
  return keyring() ?? memorySecrets()
}
