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
 *
 * A row holds a *bucket* of such records, all of one kind (`{ v: 1, bucket: [record, …] }`, at most
 * RECORD_BUCKET_SIZE): browsers pay a fixed cost per IndexedDB request (about 0.3 ms a row in Debian's
 * Chromium 150, whatever its size), so 10,000 records in 79 rows are written and read an order of
 * magnitude faster than in 10,000. Rows written before buckets hold one bare record; they still open, as
 * a bucket of one. write-plan.ts decides which records share a row.
 */
import type { FieldRegister, Head, RecordState, Tlp } from '@shared/sync';
import { TLP_LEVELS } from '@shared/sync/tlp';

type StoredHead = [number, unknown] | [number, unknown, string[]];
type Writer = [string, string, string, string];

interface StoredRecord {
  readonly v: 1;
  readonly id: string;
  readonly kind: string;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly created: string;
  readonly updated: string;
  readonly w: readonly Writer[];
  readonly f: readonly [string, readonly StoredHead[], readonly string[]][];
}

const TLPS: ReadonlySet<string> = new Set(TLP_LEVELS);

/**
 * Shape check of an opened row. Not zod: the row was sealed by this worker (the box authenticates it),
 * so this guards against our own bugs and damaged data, and it runs 10,000 times on every unlock, where a
 * jitless zod parse of nested arrays costs hundreds of milliseconds.
 */
function isStoredRecord(value: unknown): value is StoredRecord {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    row['v'] === 1 &&
    typeof row['id'] === 'string' &&
    typeof row['kind'] === 'string' &&
    typeof row['owner'] === 'string' &&
    typeof row['tlp'] === 'string' &&
    TLPS.has(row['tlp']) &&
    typeof row['created'] === 'string' &&
    typeof row['updated'] === 'string' &&
    Array.isArray(row['w']) &&
    (row['w'] as unknown[]).every((writer) => Array.isArray(writer) && writer.length === 4 && writer.every((part) => typeof part === 'string')) &&
    Array.isArray(row['f']) &&
    (row['f'] as unknown[]).every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 3 &&
        typeof entry[0] === 'string' &&
        Array.isArray(entry[1]) &&
        (entry[1] as unknown[]).every((head) => Array.isArray(head) && (head.length === 2 || (head.length === 3 && Array.isArray(head[2])))) &&
        Array.isArray(entry[2]),
    )
  );
}

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
  if (!isStoredRecord(stored)) return null;
  const { w, f } = stored;
  const fields: Record<string, FieldRegister> = {};
  for (const [field, storedHeads, superseded] of f) {
    const heads: Head[] = [];
    for (const storedHead of storedHeads) {
      const [index, value, base] = storedHead;
      const writer = typeof index === 'number' ? w[index] : undefined;
      if (writer === undefined) return null;
      const [cs, hlc, device, delegation] = writer;
      const head = { cs, value, hlc, device, delegation } as Head;
      heads.push(base === undefined ? head : { ...head, base });
    }
    fields[field] = { heads, superseded };
  }
  const { id, kind, owner, created, updated, tlp } = stored;
  return { id, kind, owner, fields, created, updated, tlp };
}

/** Records per row at most: a single edit re-seals its whole bucket (~130 KB at 1 KB a record). */
export const RECORD_BUCKET_SIZE = 128;

export function encodeRecordBucket(records: readonly RecordState[]): unknown {
  return { v: 1, bucket: records.map(encodeRecordState) };
}

/** The records a stored row holds (a bucket, or one bare record from before buckets), or null when it holds something else. */
export function decodeRecordBucket(stored: unknown): RecordState[] | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const bucket = (stored as { bucket?: unknown }).bucket;
  if (bucket === undefined) {
    const record = decodeRecordState(stored);
    return record === null ? null : [record];
  }
  if ((stored as { v?: unknown }).v !== 1 || !Array.isArray(bucket) || bucket.length === 0 || bucket.length > RECORD_BUCKET_SIZE) return null;
  const records: RecordState[] = [];
  for (const item of bucket as unknown[]) {
    const record = decodeRecordState(item);
    if (record === null) return null;
    records.push(record);
  }
  return records;
}

/** How an error names the records a row holds: "Record X", or "Records X and N more". */
export function rowRecordsLabel(recordIds: readonly string[]): string {
  const first = recordIds[0] ?? '';
  return recordIds.length === 1 ? `Record ${first}` : `Records ${first} and ${String(recordIds.length - 1)} more`;
}
