/**
 * File access of the CLI. Every input file is checked with stat BEFORE it is read (regular file, not
 * empty, under its cap: a FIFO or a device would otherwise hang or never end) and read ONCE into memory
 * (a USB device may serve different bytes on a second read); a file that grows between stat and read is
 * refused. Outputs are written without ever replacing an existing file, except the identity file, which
 * is replaced atomically (write a temporary file, fsync, rename).
 */
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Failure } from './errors';

function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Reads a whole regular file of at most `maxBytes`; `what` names it in errors ("bundle", "contact card"). */
export async function readBounded(path: string, what: string, maxBytes: number): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Failure(`the ${what} ${path} does not exist`);
    if (code === 'EACCES') throw new Failure(`the ${what} ${path} cannot be read (permission denied)`);
    throw new Failure(`the ${what} ${path} cannot be read (${code ?? 'error'})`);
  }
  if (!info.isFile()) throw new Failure(`the ${what} ${path} is not a regular file`);
  if (info.size === 0) throw new Failure(`the ${what} ${path} is empty`);
  if (info.size > maxBytes) throw new Failure(`the ${what} ${path} is too large (${describeSize(info.size)}; at most ${describeSize(maxBytes)} are accepted)`);
  let handle;
  try {
    // O_NONBLOCK: should the path have become a FIFO since stat, opening it must not wait for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new Failure(`the ${what} ${path} cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.size !== info.size) throw new Failure(`the ${what} ${path} changed while it was being read`);
    const buffer = new Uint8Array(info.size + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > info.size) throw new Failure(`the ${what} ${path} changed while it was being read`);
    }
    if (total === 0) throw new Failure(`the ${what} ${path} is empty`);
    if (total !== info.size) throw new Failure(`the ${what} ${path} changed while it was being read`);
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}

export async function ensureDirectory(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new Failure(`the folder ${path} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const info = await stat(path);
  if (!info.isDirectory()) throw new Failure(`${path} is not a folder`);
}

/** Writes a new file; refuses to replace an existing one. */
export async function writeNew(path: string, data: Uint8Array | string, mode = 0o644): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Failure(`${path} already exists; it was not replaced`);
    throw new Failure(`${path} cannot be written (${code ?? 'error'})`);
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces a file atomically: a temporary file beside it, fsync, rename. */
export async function replaceAtomically(path: string, data: string, mode = 0o600): Promise<void> {
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeNew(temporary, data, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof Failure) throw error;
    throw new Failure(`${path} cannot be replaced (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
