/**
 * Bundle pairs among the files of one import: `X.tdesk.age` beside `X.tdesk.age.minisig` in the same
 * relative folder, oldest first by the creation time in the signed comment (read only to order them:
 * the reading pipeline verifies it). Anything else picked is ignored; an unpaired half is kept so the
 * import can report it refused.
 */
import { parseComment } from '@shared/bundle';
import { BUNDLE_EXTENSION, SIGNATURE_EXTENSION } from '@shared/bundle/names';
import { parseMinisignSignature } from '@shared/crypto';
import type { ExchangeFile } from '@shared/ipc/vault-protocol';

const SIGNATURE_SUFFIX = `${BUNDLE_EXTENSION}${SIGNATURE_EXTENSION}`;

export interface Pair {
  readonly age: ExchangeFile | null;
  readonly minisig: ExchangeFile | null;
  /** Signed creation time (unverified: for ordering only), or null when unreadable. */
  readonly created: string | null;
}

function signedCreation(minisig: Uint8Array): string | null {
  try {
    const parsed = parseMinisignSignature(minisig);
    return parsed.ok ? parseComment(parsed.value.trustedComment).created : null;
  } catch {
    return null;
  }
}

/** Pairs by relative path; unpaired halves are kept (reported refused), other files dropped. */
export function pairFiles(files: readonly ExchangeFile[]): Pair[] {
  const ages = new Map<string, ExchangeFile>();
  const signatures = new Map<string, ExchangeFile>();
  for (const file of files) {
    if (file.relativePath.endsWith(SIGNATURE_SUFFIX)) signatures.set(file.relativePath.slice(0, -SIGNATURE_EXTENSION.length), file);
    else if (file.relativePath.endsWith(BUNDLE_EXTENSION)) ages.set(file.relativePath, file);
  }
  const pairs: Pair[] = [];
  for (const [path, age] of ages) {
    const minisig = signatures.get(path) ?? null;
    signatures.delete(path);
    pairs.push({ age, minisig, created: minisig === null ? null : signedCreation(minisig.bytes) });
  }
  for (const minisig of signatures.values()) pairs.push({ age: null, minisig, created: null });
  // Oldest first; unreadable comments last (the pipeline refuses them anyway); then by path, for a stable order.
  const key = (pair: Pair): string => `${pair.created ?? '\uffff'}\u0000${(pair.age ?? pair.minisig)?.relativePath ?? ''}`;
  return pairs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

