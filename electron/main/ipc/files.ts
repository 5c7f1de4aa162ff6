/**
 * `desk:open-files` and `desk:save-files`: the only ways bytes cross between the disk and the renderer.
 * The user chooses every path in a native dialog; the renderer never names one. Requests are already
 * parsed by the guard when these run.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import {
  openFilesRequestSchema,
  saveFilesRequestSchema,
  type OpenFilesResult,
  type SaveFilesResult,
} from '@shared/ipc/desk-api';
import { DESK_CHANNELS } from '@shared/ipc/channels';
import type { GuardedIpc } from './guarded-handle';
import { readFolder, readPickedFiles } from '../files/open';
import { existingNames, writeAllOrNothing } from '../files/save';

export interface FileDialogs {
  dialog: Pick<Dialog, 'showOpenDialog'>;
  /** The window dialogs are modal to; null shows them unparented. */
  window: () => BrowserWindow | null;
}

function showOpen(deps: FileDialogs, options: OpenDialogOptions): Promise<OpenDialogReturnValue> {
  const window = deps.window();
  return window === null ? deps.dialog.showOpenDialog(options) : deps.dialog.showOpenDialog(window, options);
}

export function registerFiles(ipc: GuardedIpc, deps: FileDialogs): void {
  ipc.handle(DESK_CHANNELS.openFiles, openFilesRequestSchema, async (request): Promise<OpenFilesResult> => {
    const limits = { extensions: request.extensions, maxBytes: request.maxBytes };
    if (request.mode === 'folder') {
      const picked = await showOpen(deps, { properties: ['openDirectory', 'dontAddToRecent'] });
      const [folder] = picked.filePaths;
      if (picked.canceled || folder === undefined) return { picked: false, files: [], truncated: false };
      return readFolder(folder, limits);
    }
    const picked = await showOpen(deps, {
      properties: request.multiple ? ['openFile', 'multiSelections', 'dontAddToRecent'] : ['openFile', 'dontAddToRecent'],
      // The label is the extensions themselves: main has no translations, and they read the same in any language.
      filters: request.extensions.length > 0 ? [{ name: request.extensions.map((e) => `.${e}`).join(' '), extensions: request.extensions }] : [],
    });
    if (picked.canceled || picked.filePaths.length === 0) return { picked: false, files: [], truncated: false };
    return readPickedFiles(request.multiple ? picked.filePaths : picked.filePaths.slice(0, 1), limits);
  });

  ipc.handle(DESK_CHANNELS.saveFiles, saveFilesRequestSchema, async (request): Promise<SaveFilesResult> => {
    const picked = await showOpen(deps, { properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] });
    const [folder] = picked.filePaths;
    if (picked.canceled || folder === undefined) return { status: 'cancelled' };
    const names = await existingNames(folder, request.files);
    if (names.length > 0) return { status: 'exists', location: folder, names };
    await writeAllOrNothing(folder, request.files);
    return { status: 'saved', location: folder };
  });
}
