/**
 * Reading what the user picked. Sizes are checked before any byte is read, on the open handle so a file
 * swapped or grown between listing and reading cannot slip past the cap; folders are walked with caps on
 * depth, entries and total bytes, never following symbolic links, so a USB stick with a loop or a million
 * files cannot hang or exhaust the main process.
 */
import { constants as fsConstants } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { MAX_OPEN_FILES, type OpenFilesResult, type PickedFile } from '@shared/ipc/desk-api';

/** Sub-folders deeper than this are not entered. Bundle exchanges are a folder or two deep. */
export const MAX_FOLDER_DEPTH = 8;
/** Directory entries looked at in one walk, matching or not, before giving up (`truncated`). */
export const MAX_WALK_ENTRIES = 100_000;
/**
 * Bytes read in one pick. The contract caps a file (256 MiB) and the count (1000), not their product; a
 * gigabyte is far above any real exchange and far below what would take the main process down. Files
 * beyond it are left unread and the result says `truncated`.
 */
export const MAX_OPEN_TOTAL_BYTES = 1024 * 1024 * 1024;

/** Windows has no O_NOFOLLOW (Node leaves it undefined there); folder entries were listed with lstat anyway. */
const NO_FOLLOW: number = (fsConstants as Partial<typeof fsConstants>).O_NOFOLLOW ?? 0;

export interface ReadLimits {
  /** Extensions without the dot, lower case; empty means any. */
  extensions: readonly string[];
  maxBytes: number;
}

interface Candidate {
  path: string;
  name: string;
  relativePath: string;
}

export function matchesExtension(name: string, extensions: readonly string[]): boolean {
  if (extensions.length === 0) return true;
  const lower = name.toLowerCase();
  return extensions.some((ext) => lower.endsWith(`.${ext}`));
}

/**
 * Reads at most `maxBytes` from an open file. Returns the bytes, or the size seen when the file is (or
 * has become) larger than the cap. The buffer is exactly the file's length: IPC copies a typed array's
 * whole backing store, so a pooled or oversized buffer would carry stray memory to the renderer.
 */
async function readBounded(
  path: string,
  maxBytes: number,
  noFollow: boolean,
): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { tooLarge: number } | null> {
  const flags = fsConstants.O_RDONLY | (noFollow ? NO_FOLLOW : 0);
  const handle = await open(path, flags);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    if (info.size > maxBytes) return { tooLarge: info.size };
    // One byte of headroom tells a file that grew since fstat from one that did not.
    const buffer = new Uint8Array(info.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes || length > info.size) return { tooLarge: Math.max(length, info.size) };
    return { bytes: buffer.slice(0, length) };
  } finally {
    await handle.close();
  }
}

async function readCandidates(
  candidates: readonly Candidate[],
  limits: ReadLimits,
  noFollow: boolean,
  alreadyTruncated: boolean,
): Promise<OpenFilesResult> {
  const files: PickedFile[] = [];
  let truncated = alreadyTruncated;
  let total = 0;
  for (const candidate of candidates) {
    const { name, relativePath } = candidate;
    // Explicitly picked files may be links the user chose; folder entries are listed with lstat.
    const info = await (noFollow ? lstat(candidate.path) : stat(candidate.path)).catch(() => null);
    if (info === null || !info.isFile()) continue;
    if (info.size > limits.maxBytes) {
      files.push({ status: 'too-large', name, relativePath, size: info.size });
      continue;
    }
    if (total + info.size > MAX_OPEN_TOTAL_BYTES) {
      truncated = true;
      break;
    }
    const read = await readBounded(candidate.path, limits.maxBytes, noFollow).catch(() => null);
    if (read === null) continue;
    if ('tooLarge' in read) {
      files.push({ status: 'too-large', name, relativePath, size: read.tooLarge });
      continue;
    }
    total += read.bytes.byteLength;
    files.push({ status: 'read', name, relativePath, size: read.bytes.byteLength, bytes: read.bytes });
  }
  return { picked: true, files, truncated };
}

/** Files chosen one by one in the picker. The picker's filter is advisory, so extensions are checked here. */
export async function readPickedFiles(paths: readonly string[], limits: ReadLimits): Promise<OpenFilesResult> {
  const matching = paths
    .map((path) => ({ path, name: basename(path), relativePath: basename(path) }))
    .filter((c) => matchesExtension(c.name, limits.extensions));
  return readCandidates(matching.slice(0, MAX_OPEN_FILES), limits, false, matching.length > MAX_OPEN_FILES);
}

/**
 * Lists matching files under `root`, depth first in name order so the same folder always gives the same
 * list. Symbolic links are skipped (a link can point anywhere, including back up the tree), and so are
 * hidden names: USB sticks written by macOS carry `._name.age` AppleDouble files that match by extension
 * but are not bundles.
 */
export async function listFolder(
  root: string,
  extensions: readonly string[],
): Promise<{ found: Candidate[]; truncated: boolean }> {
  const found: Candidate[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<boolean> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      seen += 1;
      if (seen > MAX_WALK_ENTRIES) return false;
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_FOLDER_DEPTH && !(await walk(path, depth + 1))) return false;
      } else if (entry.isFile() && matchesExtension(entry.name, extensions)) {
        if (found.length === MAX_OPEN_FILES) return false;
        found.push({ path, name: entry.name, relativePath: relative(root, path).split(sep).join('/') });
      }
    }
    return true;
  };
  const complete = await walk(root, 1);
  return { found, truncated: !complete };
}

export async function readFolder(root: string, limits: ReadLimits): Promise<OpenFilesResult> {
  const { found, truncated } = await listFolder(root, limits.extensions);
  return readCandidates(found, limits, true, truncated);
}
