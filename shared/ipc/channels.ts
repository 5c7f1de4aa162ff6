/**
 * IPC channel names shared by the preload and the main process. Kept as plain constants (no zod, no
 * behaviour) so the sandboxed preload can bundle them without pulling in anything else, and so the two
 * sides cannot drift apart on a string.
 */
export const DESK_CHANNELS = {
  appInfo: 'desk:app-info',
  openFiles: 'desk:open-files',
  saveFiles: 'desk:save-files',
  print: 'desk:print',
  setIdleLock: 'desk:set-idle-lock',
  lockNow: 'desk:lock-now',
} as const;

export type DeskChannel = (typeof DESK_CHANNELS)[keyof typeof DESK_CHANNELS];

/** The name under which the preload exposes the DeskApi on `window`. */
export const DESK_GLOBAL = 'desk';
