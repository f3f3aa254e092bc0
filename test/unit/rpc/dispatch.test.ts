import { describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core/create-core'
import type { Logger } from '../../../src/main/ports/deps'
import { createDispatch } from '../../../src/main/rpc/dispatch'
import { AppError } from '../../../src/shared/errors'
import { channelNames } from '../../../src/shared/contract'

function recordingLog(): Logger & { errors: string[] } {
  const errors: string[] = []
  return {
    errors,
    debug() {},
    info() {},
    warn() {},
    error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`)
  }
}

function coreWith(log: Logger) {
  return createCore({ dataDir: '/nonexistent', databasePath: ':memory:', runtime: 'cli', log })
}

describe('dispatch', () => {
  it('answers a channel with its data in an envelope', async () => {
    const core = coreWith(recordingLog())
    const result = await core.dispatch('app:get-info', undefined, { runtime: 'browser' })
    expect(result).toMatchObject({
      ok: true,
      data: { runtime: 'browser', schemaVersion: core.services.schemaVersion() }
    })
    core.close()
  })

  it('has a handler for every channel of the contract', () => {
    const core = coreWith(recordingLog())
    for (const name of channelNames) expect(typeof core.handlers[name]).toBe('function')
    core.close()
  })

  it('rejects unknown channels and invalid input without calling a handler', async () => {
    const core = coreWith(recordingLog())
    expect(await core.dispatch('settings:drop-all', {}, { runtime: 'browser' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown channel: settings:drop-all' }
    })
    const invalid = await core.dispatch('settings:set', { trackedCoins: 'many' }, { runtime: 'browser' })
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(!invalid.ok && invalid.error.message).toMatch(/^Coins tracked: /)
    expect(!invalid.ok && invalid.error.message).not.toMatch(/trackedCoins/)
    expect(core.services.settings.get().trackedCoins).toBe(250)
    core.close()
  })

  it('turns a thrown AppError into its code and anything else into INTERNAL, logging the stack', async () => {
    const log = recordingLog()
    const core = coreWith(log)
    const handlers = {
      ...core.handlers,
      'settings:get': () => {
        throw new AppError('BUSY', 'A sync is writing; try again in a moment.')
      },
      'app:get-info': () => {
        throw new TypeError('cannot read properties of undefined')
      }
    }
    const dispatch = createDispatch(handlers, log)
    expect(await dispatch('settings:get', undefined, { runtime: 'cli' })).toEqual({
      ok: false,
      error: { code: 'BUSY', message: 'A sync is writing; try again in a moment.' }
    })
    const internal = await dispatch('app:get-info', undefined, { runtime: 'cli' })
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(log.errors.join('\n')).toMatch(/TypeError/)
    core.close()
  })

  it('refuses to pass on output that breaks the contract', async () => {
    const log = recordingLog()
    const core = coreWith(log)
    const dispatch = createDispatch({ ...core.handlers, 'settings:get': () => ({ theme: 'purple' }) as never }, log)
    expect(await dispatch('settings:get', undefined, { runtime: 'cli' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' }
    })
    expect(log.errors.join('\n')).toMatch(/does not match its contract/)
    core.close()
  })

  it('opens only allow-listed https links', async () => {
    const opened: string[] = []
    const core = createCore({
      dataDir: '/nonexistent',
      databasePath: ':memory:',
      runtime: 'electron',
      openExternal: async (url) => {
        opened.push(url)
        return true
      }
    })
    expect(
      await core.dispatch('app:open-external', { url: 'https://www.coingecko.com/en/api' }, { runtime: 'electron' })
    ).toEqual({ ok: true, data: { opened: true } })
    for (const url of [
      'http://www.coingecko.com/',
      'https://evil.example/',
      'https://www.coingecko.com.evil.example/',
      'file:///etc/passwd'
    ]) {
      const result = await core.dispatch('app:open-external', { url }, { runtime: 'electron' })
      expect(result.ok).toBe(false)
    }
    expect(opened).toEqual(['https://www.coingecko.com/en/api'])
    core.close()
  })
})
