/**
 * The record kinds of the shared picture (DESIGN.md §3). A record's kind is a header property of every
 * change-set (shared/sync), so it is fixed when the record is created; the kind-specific fields live in
 * the record's `values` and are described by the schema of that kind (record-values.ts).
 */
export const RECORD_KINDS = ['need', 'offer', 'delivery', 'acceptance', 'note'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(kind: string): kind is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(kind);
}
