/**
 * The preload exposes exactly the DeskApi contract and nothing else: no ipcRenderer, no event objects,
 * no Node. It runs sandboxed, so it is bundled into one CommonJS file that requires only `electron`.
 * Arguments and results are validated on the other side (main parses requests, the renderer's platform
 * layer parses results), so this file stays a thin, auditable bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DESK_CHANNELS, DESK_GLOBAL } from '@shared/ipc/channels';
import type { DeskApi, LockReason } from '@shared/ipc/desk-api';

const api: DeskApi = {
  appInfo: () => ipcRenderer.invoke(DESK_CHANNELS.appInfo),
  openFiles: (request) => ipcRenderer.invoke(DESK_CHANNELS.openFiles, request),
  saveFiles: (request) => ipcRenderer.invoke(DESK_CHANNELS.saveFiles, request),
  print: () => ipcRenderer.invoke(DESK_CHANNELS.print),
  setIdleLock: (request) => ipcRenderer.invoke(DESK_CHANNELS.setIdleLock, request),
  onLockNow: (listener) => {
    // Only the reason string crosses into the page; the IPC event (with its sender) never does.
    const handler = (_event: IpcRendererEvent, reason: unknown): void => {
      if (typeof reason === 'string') listener(reason as LockReason);
    };
    ipcRenderer.on(DESK_CHANNELS.lockNow, handler);
    return () => {
      ipcRenderer.removeListener(DESK_CHANNELS.lockNow, handler);
    };
  },
};

contextBridge.exposeInMainWorld(DESK_GLOBAL, api);
