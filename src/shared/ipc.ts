/** The two Electron IPC names the preload uses; everything else travels inside them. */
export const IPC_INVOKE = 'seasonwatch:invoke'
export const IPC_EVENT = 'seasonwatch:event'

/** What the preload exposes on `window.seasonwatch`. */
export interface Bridge {
  invoke(channel: string, input?: unknown): Promise<unknown>
  on(event: string, callback: (payload: unknown) => void): () => void
}
