/**
 * Writing files the renderer produced (bundles, signatures, reports) into a folder the user chose. It
 * never overwrites: if any name is taken, nothing is written and the caller is told which names; each
 * file is created exclusively (`wx`), so a file that appears between the check and the write is not
 * clobbered either. Files are private to the user (0600) and flushed to the device before we report
 * success, because the next thing the user does is pull the USB stick out. A failure part-way removes
 * what this call wrote, so a folder never holds half an exchange.
 */
import { lstat, open, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { SaveFile } from '@shared/ipc/desk-api';

export const SAVED_FILE_MODE = 0o600;

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** Names (as given) that already exist in `folder`; on case-insensitive file systems lstat matches any case. */
export async function existingNames(folder: string, files: readonly SaveFile[]): Promise<string[]> {
  const taken: string[] = [];
  for (const file of files) {
    try {
      await lstat(join(folder, file.name));
      taken.push(file.name);
    } catch (error) {
      // Anything but "no such file" (a folder we may not read, say) is a real failure, not a free name.
      if (!isNotFound(error)) throw error;
    }
  }
  return taken;
}

/** Writes every file or none. Names are already validated as portable single path segments. */
export async function writeAllOrNothing(folder: string, files: readonly SaveFile[]): Promise<void> {
  const root = resolve(folder);
  const created: string[] = [];
  try {
    for (const file of files) {
      const path = join(root, file.name);
      // Defence in depth: the schema forbids separators, so this never fires for a parsed request.
      if (dirname(path) !== root) throw new Error(`refusing to write outside the chosen folder: ${file.name}`);
      const handle = await open(path, 'wx', SAVED_FILE_MODE);
      created.push(path);
      try {
        await handle.writeFile(file.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    await Promise.all(created.map((path) => rm(path, { force: true })));
    throw error;
  }
}
