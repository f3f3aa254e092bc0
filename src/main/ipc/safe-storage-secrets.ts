import type { SafeStorage } from 'electron'
import type { JsonStore } from '../db/settings-repo'
import type { SecretName, SecretStore } from '../ports/deps'

/**
 * Secrets encrypted with the OS keychain through Electron's safeStorage; only the ciphertext
 * (base64) is written to the database. Where Linux offers no keyring, safeStorage falls back to a
 * fixed obfuscation key ('basic_text'): the app says so next to the key field.
 */
export function createSafeStorageSecrets(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
    getSelectedStorageBackend?: () => string
  },
  store: JsonStore,
  now: () => number
): SecretStore {
  const keyOf = (name: SecretName) => `secret:${name}`
  const backend = safeStorage.getSelectedStorageBackend?.() === 'basic_text' ? 'basic_text' : 'keychain'
  return {
    backend,
    writable: safeStorage.isEncryptionAvailable(),
    get(name) {
      const stored = store.get(keyOf(name))
      if (typeof stored !== 'string' || !safeStorage.isEncryptionAvailable()) return null
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'))
      } catch {
        return null
      }
    },
    set(name, value) {
      if (value === null || value === '') {
        store.remove(keyOf(name))
        return
      }
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('This system offers no way to encrypt the API key, so Seasonwatch will not store it.')
      }
      store.set({ [keyOf(name)]: safeStorage.encryptString(value).toString('base64') }, now())
    },
    has(name) {
      return typeof store.get(keyOf(name)) === 'string'
    }
  }
}
