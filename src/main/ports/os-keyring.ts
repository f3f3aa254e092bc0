import { createRequire } from 'node:module'
import type { KeyringPort } from './exchange-keys'

interface NapiEntry {
  getPassword(): string | null | undefined
  setPassword(value: string): void
  deletePassword(): boolean
}

/**
 * The OS keyring through `@napi-rs/keyring` (macOS Keychain, Windows Credential Manager, the
 * Secret Service on Linux). Loaded on first use: a platform without its native build gets null,
 * and the caller falls back to the environment.
 */
export function loadOsKeyring(): KeyringPort | null {
  let Entry: new (service: string, account: string) => NapiEntry
  try {
    ;({ Entry } = createRequire(import.meta.url)('@napi-rs/keyring') as {
      Entry: new (service: string, account: string) => NapiEntry
    })
  } catch {
    return null
  }
  return {
    get: (service, account) => new Entry(service, account).getPassword() ?? null,
    set: (service, account, value) => new Entry(service, account).setPassword(value),
    delete(service, account) {
      try {
        new Entry(service, account).deletePassword()
      } catch (error) {
        // Removing what is not there is not a failure; an unreachable keyring still is.
        if (/no matching entry|not found/i.test(String(error))) return
        throw error
      }
    }
  }
}
