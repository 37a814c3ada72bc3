import { contextBridge, ipcRenderer } from 'electron';
import type { Api } from '../core/ipc/api';
import { createApi } from '../core/ipc/api';

/**
 * Sandboxed preload: exposes one named method per contract channel and one `onX` per event.
 * `ipcRenderer` itself never reaches the page.
 */
const api: Api = createApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void =>
      listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
);

contextBridge.exposeInMainWorld('api', api);
