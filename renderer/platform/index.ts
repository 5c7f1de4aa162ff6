/**
 * Chooses the DeskApi the renderer runs on. Called once by the entry point; the result is handed to
 * React through `PlatformProvider` (app/providers), never kept in a module variable.
 */
import { DESK_GLOBAL } from '@shared/ipc/channels';
import { createElectronPlatform, isDeskBridge } from './electron';
import { createWebPlatform } from './web';
import type { DeskApi } from './types';

export type { DeskApi } from './types';
export { createElectronPlatform, isDeskBridge } from './electron';
export { createWebPlatform } from './web';

/**
 * Electron when the preload exposed `window.desk` with the four DeskApi functions, the browser
 * implementation when there is no `desk` at all. A `desk` that is present but malformed is an error,
 * not a reason to fall back silently: the desktop app must not quietly start using file inputs.
 */
export function createPlatform(win: Window = window): DeskApi {
  if (!(DESK_GLOBAL in win)) return createWebPlatform({ document: win.document });
  const bridge: unknown = (win as unknown as Record<string, unknown>)[DESK_GLOBAL];
  if (!isDeskBridge(bridge)) throw new TypeError(`window.${DESK_GLOBAL} is not a DeskApi bridge`);
  return createElectronPlatform(bridge);
}
