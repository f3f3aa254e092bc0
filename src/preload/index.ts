import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc'
import type { Bridge } from '../shared/ipc'

// Only these two functions reach the page. The raw ipcRenderer never does, and the channel name
// travels as data so that adding a channel never changes this file.
const bridge: Bridge = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  on(event, callback) {
    const listener = (_event: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) callback(payload)
    }
    ipcRenderer.on(IPC_EVENT, listener)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, listener)
    }
  }
}

contextBridge.exposeInMainWorld('seasonwatch', bridge)
