/**
 * The stored form of a record's merge state (shared/sync RecordState) in the `records` table.
 *
 * RecordState repeats, for every head of every field, the writing change-set's hash, HLC, device and
 * delegation (~150 bytes). A record written by one change-set has one writer for all its fields, so the
 * stored form lists each writer once and heads refer to it by index: rows are about half the size, which
 * halves sealing, IndexedDB and opening time for 10,000 records. The decoded state is exactly the
 * RecordState that was encoded (tests/unit/vault-worker/record-codec.test.ts checks round trips, and
 * `log-rebuild` compares decoded rows with a replay of the log), so the codec is invisible to the
 * sync engine.
 *
 *   { v: 1, id, kind, owner, tlp, created, updated,
 *     w: [[cs, hlc, device, delegation], …],                 writers, in first-use order
 *     f: [[field, [[writerIndex, value] | [writerIndex, value, base], …], superseded], …] }
 */
import { z } from 'zod';
import type { FieldRegister, Head, RecordState } from '@shared/sync';
import { TLP_LEVELS } from '@shared/sync/tlp';

type StoredHead = [number, unknown] | [number, unknown, string[]];

const StoredRecordSchema = z.strictObject({
  v: z.literal(1),
  id: z.string(),
  kind: z.string(),
  owner: z.string(),
  tlp: z.enum(TLP_LEVELS),
  created: z.string(),
  updated: z.string(),
  w: z.array(z.tuple([z.string(), z.string(), z.string(), z.string()])),
  f: z.array(z.tuple([z.string(), z.array(z.array(z.unknown()).min(2).max(3)), z.array(z.string())])),
});

export function encodeRecordState(record: RecordState): unknown {
  const writers: [string, string, string, string][] = [];
  const indexOf = new Map<string, number>();
  const f: [string, StoredHead[], readonly string[]][] = [];
  for (const [field, register] of Object.entries(record.fields)) {
    const heads: StoredHead[] = register.heads.map((head) => {
      let index = indexOf.get(head.cs);
      if (index === undefined) {
        index = writers.length;
        writers.push([head.cs, head.hlc, head.device, head.delegation]);
        indexOf.set(head.cs, index);
      }
      return head.base === undefined ? [index, head.value] : [index, head.value, [...head.base]];
    });
    f.push([field, heads, register.superseded]);
  }
  return { v: 1, id: record.id, kind: record.kind, owner: record.owner, tlp: record.tlp, created: record.created, updated: record.updated, w: writers, f };
}

/** The RecordState a stored row holds, or null when the row is not one (the caller names it corrupt). */
export function decodeRecordState(stored: unknown): RecordState | null {
  const parsed = StoredRecordSchema.safeParse(stored);
  if (!parsed.success) return null;
  const { w, f } = parsed.data;
  const fields: Record<string, FieldRegister> = {};
  for (const [field, storedHeads, superseded] of f) {
    const heads: Head[] = [];
    for (const storedHead of storedHeads) {
      const [index, value, base] = storedHead as StoredHead;
      const writer = typeof index === 'number' ? w[index] : undefined;
      if (writer === undefined) return null;
      const [cs, hlc, device, delegation] = writer;
      const head = { cs, value, hlc, device, delegation } as Head;
      heads.push(base === undefined ? head : { ...head, base });
    }
    fields[field] = { heads, superseded };
  }
  const { id, kind, owner, created, updated } = parsed.data;
  return { id, kind, owner, fields, created, updated, tlp: parsed.data.tlp };
}
