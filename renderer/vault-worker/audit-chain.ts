/**
 * The local audit log's hash chain (DESIGN.md §6).
 *
 *   hash(entry) = hex BLAKE2b-256( "tallinn-desk/v1/audit" ‖ canonical {prev, seq, at, action, details} )
 *
 * with `prev` the previous entry's hash (null for the first) and `seq` counting from 0. Entries are also
 * sealed rows (so nobody without the key can read or forge one); the chain adds what sealing alone does
 * not give: an order that cannot be rearranged, and, together with the head kept in the sealed manifest
 * (manifest.ts), detection of an entry removed from the middle or the end. It is also what makes the log
 * checkable later by someone who receives an export of it.
 */
import { z } from 'zod';
import { canonicalBytes, DOMAINS, domainHash, toHex, utf8Decode, utf8Encode } from '@shared/crypto';
import { type AuditAction, auditEntrySchema, type AuditEntry } from '@shared/ipc/vault-protocol';
import type { AuditHead } from './manifest';

export type AuditDetails = AuditEntry['details'];

/** What is sealed per entry: the protocol's entry plus the link to its predecessor. */
export interface StoredAuditEntry extends AuditEntry {
  readonly prev: string | null;
}

const StoredAuditEntrySchema = auditEntrySchema.extend({
  prev: z.string().regex(/^[0-9a-f]{64}$/u).nullable(),
});

export function auditEntryHash(entry: Omit<StoredAuditEntry, 'hash'>): string {
  const { prev, seq, at, action, details } = entry;
  return toHex(domainHash(DOMAINS.audit, canonicalBytes({ prev, seq, at, action, details })));
}

/** The next entry after `head`, and the head after it. */
export function chainEntry(head: AuditHead, action: AuditAction, details: AuditDetails, at: string): { entry: StoredAuditEntry; head: AuditHead } {
  const unhashed = { seq: head.count, at, action, details, prev: head.head };
  const entry = { ...unhashed, hash: auditEntryHash(unhashed) };
  return { entry, head: { count: head.count + 1, head: entry.hash } };
}

export function encodeAuditEntry(entry: StoredAuditEntry): Uint8Array {
  return utf8Encode(JSON.stringify(entry));
}

export function decodeAuditEntry(bytes: Uint8Array): StoredAuditEntry {
  return StoredAuditEntrySchema.parse(JSON.parse(utf8Decode(bytes)));
}

export interface ChainVerdict {
  readonly intact: boolean;
  /** Human-readable findings, first problem first (for logs; the protocol carries only `intact`). */
  readonly problems: readonly string[];
}

/**
 * Checks entries in stored order against each other and against the head the manifest expects:
 * contiguous seq from 0, each `prev` equal to the previous hash, each hash recomputed, and the last hash
 * and the count equal to the manifest's head.
 */
export function verifyAuditChain(entries: readonly StoredAuditEntry[], expected: AuditHead): ChainVerdict {
  const problems: string[] = [];
  let prev: string | null = null;
  entries.forEach((entry, index) => {
    if (entry.seq !== index) problems.push(`entry ${index} has seq ${entry.seq}`);
    if (entry.prev !== prev) problems.push(`entry ${index} does not link to the previous entry`);
    if (auditEntryHash(entry) !== entry.hash) problems.push(`entry ${index} does not match its hash`);
    prev = entry.hash;
  });
  if (entries.length !== expected.count) problems.push(`the log has ${entries.length} entries; the manifest expects ${expected.count}`);
  if (prev !== expected.head) problems.push('the last entry is not the head recorded in the manifest');
  return { intact: problems.length === 0, problems };
}
