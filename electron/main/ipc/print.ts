/**
 * `desk:print`: the system print dialog for the app window. The recovery sheet goes to paper this way,
 * never to a file; what appears on the page is decided by the renderer's print stylesheet.
 */
import { z } from 'zod';
import type { BrowserWindow } from 'electron';
import { DESK_CHANNELS } from '@shared/ipc/channels';
import type { PrintResult } from '@shared/ipc/desk-api';
import type { GuardedIpc } from './guarded-handle';

export function registerPrint(ipc: GuardedIpc, window: () => BrowserWindow | null): void {
  ipc.handle(DESK_CHANNELS.print, z.undefined(), () => {
    const target = window();
    if (target === null) return Promise.resolve<PrintResult>({ status: 'failed' });
    return new Promise<PrintResult>((resolve) => {
      target.webContents.print({ silent: false, printBackground: false }, (success, failureReason) => {
        resolve({ status: success ? 'printed' : failureReason === 'cancelled' ? 'cancelled' : 'failed' });
      });
    });
  });
}
