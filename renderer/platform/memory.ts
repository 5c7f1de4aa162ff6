/**
 * DeskApi in memory, for tests and previews: picks are preset, saves are recorded, lock events are
 * emitted on demand. Requests are validated with the same schemas as on the real platforms, so a
 * test that passes here does not hide a call the desktop app would refuse.
 */
import {
  appInfoSchema,
  idleLockRequestSchema,
  openFilesRequestSchema,
  openFilesResultSchema,
  saveFilesRequestSchema,
  saveFilesResultSchema,
} from '@shared/ipc/desk-api';
import type {
  AppInfo,
  DeskApi,
  LockReason,
  OpenFilesRequest,
  OpenFilesResult,
  SaveFilesRequest,
  SaveFilesResult,
} from './types';

export interface MemoryPlatform extends DeskApi {
  /** Every validated openFiles request, oldest first. */
  readonly openRequests: readonly OpenFilesRequest[];
  /** Every validated save request, oldest first. */
  readonly saves: readonly SaveFilesRequest[];
  /** How many times print() was called. */
  readonly printCount: number;
  /** Every idle time reported through setIdleLock, oldest first. */
  readonly idleLockMinutes: readonly number[];
  /** The answer to the next openFiles call; without one queued, the user "cancels". */
  queuePick(result: OpenFilesResult): void;
  /** Fires the lock listeners as the OS would. */
  emitLock(reason: LockReason): void;
  /** How many lock listeners are subscribed right now. */
  readonly lockListenerCount: number;
}

export interface MemoryPlatformOptions {
  readonly appInfo?: AppInfo;
  readonly picks?: readonly OpenFilesResult[];
  /** What saveFiles answers; `saved` to "memory" by default. */
  readonly saveResult?: SaveFilesResult;
}

const DEFAULT_APP_INFO: AppInfo = {
  name: 'Tallinn Desk',
  version: __APP_VERSION__,
  platform: 'web',
  runtime: {},
  os: 'memory',
  posture: [],
};

export function createMemoryPlatform(options: MemoryPlatformOptions = {}): MemoryPlatform {
  const info = appInfoSchema.parse(options.appInfo ?? DEFAULT_APP_INFO);
  const picks = (options.picks ?? []).map((pick) => openFilesResultSchema.parse(pick));
  const saveResult = saveFilesResultSchema.parse(options.saveResult ?? { status: 'saved', location: 'memory' });
  const openRequests: OpenFilesRequest[] = [];
  const saves: SaveFilesRequest[] = [];
  const listeners = new Set<(reason: LockReason) => void>();
  let printCount = 0;
  const idleLockMinutes: number[] = [];

  return {
    openRequests,
    saves,
    get lockListenerCount() {
      return listeners.size;
    },
    get printCount() {
      return printCount;
    },
    idleLockMinutes,
    setIdleLock(request) {
      return new Promise((resolve) => {
        idleLockMinutes.push(idleLockRequestSchema.parse(request).minutes);
        resolve();
      });
    },
    print() {
      printCount += 1;
      return Promise.resolve({ status: 'printed' });
    },
    appInfo() {
      return Promise.resolve(structuredClone(info));
    },
    openFiles(request) {
      // A request the schema refuses rejects the promise, as the real platforms do.
      return new Promise((resolve) => {
        openRequests.push(openFilesRequestSchema.parse(request));
        resolve(picks.shift() ?? { picked: false, files: [], truncated: false });
      });
    },
    saveFiles(request) {
      return new Promise((resolve) => {
        saves.push(saveFilesRequestSchema.parse(request));
        resolve(structuredClone(saveResult));
      });
    },
    onLockNow(listener) {
      // Wrapped so the same listener subscribed twice needs two unsubscribes, as with the IPC bridge.
      const entry = (reason: LockReason): void => {
        listener(reason);
      };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    queuePick(result) {
      picks.push(openFilesResultSchema.parse(result));
    },
    emitLock(reason) {
      for (const listener of [...listeners]) listener(reason);
    },
  };
}
