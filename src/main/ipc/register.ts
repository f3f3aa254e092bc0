import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import { channelNames } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { Envelope } from '../../shared/errors'
import { IPC_INVOKE } from '../../shared/ipc'
import type { Dispatch } from '../rpc/dispatch'
import { APP_ORIGIN, createOriginCheck, originOf } from './app-origin'

/** True when a frame is the app's own top-level page (the only one allowed to call the core). */
export type SenderCheck = (frame: WebFrameMain | null) => boolean

/**
 * Binds the contract to Electron IPC. All channels share one ipcMain handler, so registration is a
 * single loop over the contract by construction: the handler checks the sending frame, then hands
 * the call to the dispatcher, which validates input and wraps every outcome in an envelope.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck
): () => void {
  const known = new Set<string>(channelNames)
  ipcMain.handle(
    IPC_INVOKE,
    async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: new AppError('FORBIDDEN', 'This window may not talk to Seasonwatch.').toShape() }
      }
      if (typeof channel !== 'string' || !known.has(channel)) {
        return {
          ok: false,
          error: new AppError('NOT_FOUND', `Unknown channel: ${String(channel).slice(0, 80)}`).toShape()
        }
      }
      return dispatch(channel, input, { runtime: 'electron' })
    }
  )
  return () => ipcMain.removeHandler(IPC_INVOKE)
}

/**
 * A sender is trusted when it is a main frame showing the app's own page: app://seasonwatch/ (or
 * /index.html), or the dev server during development. The whole origin is compared (scheme, host
 * and port), so neither file://… nor app://another-host/… passes.
 */
export function createSenderCheck(appOrigins: { devServerUrl?: string | undefined }): SenderCheck {
  const isAppOrigin = createOriginCheck(appOrigins.devServerUrl)
  return (frame) => {
    if (!frame || frame.parent !== null || !isAppOrigin(frame.url)) return false
    if (originOf(frame.url) !== APP_ORIGIN) return true // the dev server
    const { pathname } = new URL(frame.url)
    return pathname === '/' || pathname === '/index.html'
  }
}
