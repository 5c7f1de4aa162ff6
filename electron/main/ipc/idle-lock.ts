/**
 * `desk:set-idle-lock`: the vault's idle time, reported by the renderer when the vault is unlocked and
 * whenever the setting changes, so the system-wide idle watch (lock-signals.ts) uses the same time.
 */
import { DESK_CHANNELS } from '@shared/ipc/channels';
import { idleLockRequestSchema } from '@shared/ipc/desk-api';
import type { GuardedIpc } from './guarded-handle';

export function registerIdleLock(ipc: GuardedIpc, setMinutes: (minutes: number) => void): void {
  ipc.handle(DESK_CHANNELS.setIdleLock, idleLockRequestSchema, (request) => {
    setMinutes(request.minutes);
    return Promise.resolve(undefined);
  });
}
