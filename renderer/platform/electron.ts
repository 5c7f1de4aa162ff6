/**
 * DeskApi on Electron: a thin wrapper around the `window.desk` object the preload exposes. The preload
 * and main process are trusted code, but the renderer treats their answers as input anyway: every result
 * is parsed with the zod schemas from `shared/ipc`, so a compromised or buggy bridge cannot feed the UI
 * (and, later, the vault worker) a malformed value. Requests are parsed too, so a programming error shows
 * up here with a precise message instead of as a generic IPC rejection from the main process.
 */
import {
  appInfoSchema,
  lockReasonSchema,
  openFilesRequestSchema,
  openFilesResultSchema,
  idleLockRequestSchema,
  printResultSchema,
  saveFilesRequestSchema,
  saveFilesResultSchema,
} from '@shared/ipc/desk-api';
import type { DeskApi } from './types';

/** The functions the preload must expose; anything else on the object is ignored. */
const BRIDGE_METHODS = ['appInfo', 'openFiles', 'saveFiles', 'print', 'setIdleLock', 'onLockNow'] as const;

/** True when `value` looks like the preload's bridge: an object with every DeskApi function. */
export function isDeskBridge(value: unknown): value is DeskApi {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return BRIDGE_METHODS.every((method) => typeof record[method] === 'function');
}

export function createElectronPlatform(bridge: DeskApi): DeskApi {
  if (!isDeskBridge(bridge)) throw new TypeError('the desk bridge does not expose the DeskApi functions');
  // Take the functions once: a bridge whose properties change later cannot redirect the calls.
  const appInfo = bridge.appInfo.bind(bridge);
  const openFiles = bridge.openFiles.bind(bridge);
  const saveFiles = bridge.saveFiles.bind(bridge);
  const print = bridge.print.bind(bridge);
  const setIdleLock = bridge.setIdleLock.bind(bridge);
  const onLockNow = bridge.onLockNow.bind(bridge);

  return {
    async appInfo() {
      return appInfoSchema.parse(await appInfo());
    },
    async openFiles(request) {
      const parsed = openFilesRequestSchema.parse(request);
      return openFilesResultSchema.parse(await openFiles(parsed));
    },
    async saveFiles(request) {
      const parsed = saveFilesRequestSchema.parse(request);
      return saveFilesResultSchema.parse(await saveFiles(parsed));
    },
    async print() {
      return printResultSchema.parse(await print());
    },
    async setIdleLock(request) {
      await setIdleLock(idleLockRequestSchema.parse(request));
    },
    onLockNow(listener) {
      const unsubscribe: unknown = onLockNow((reason: unknown) => {
        // An unknown reason is dropped rather than guessed at; the idle timer still locks.
        const checked = lockReasonSchema.safeParse(reason);
        if (checked.success) listener(checked.data);
      });
      if (typeof unsubscribe !== 'function') {
        throw new TypeError('the desk bridge did not return an unsubscribe function');
      }
      return () => {
        Reflect.apply(unsubscribe, undefined, []);
      };
    },
  };
}
