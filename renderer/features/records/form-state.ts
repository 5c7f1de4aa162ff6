/** What record forms share: which fields changed, and the edit that writes them. */
import { leavesDraft } from '@shared/domain/sharing';
import type { RecordEdit } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import type { Tlp } from '@shared/sync/tlp';

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** A record's status, when it has a textual one. */
export function statusOf(values: Readonly<Record<string, unknown>>): string | undefined {
  const status = values['status'];
  return typeof status === 'string' ? status : undefined;
}

/**
 * The edit for a form's values: a new record writes every field; an existing one only the fields that
 * changed — or every field when its TLP changes, since lowering a TLP never releases older content: the
 * owner re-publishes the current values at the new level (DESIGN.md §3), and when it leaves draft, since
 * a draft's change-sets stay withheld forever. Null when nothing changed.
 */
export function editFor(
  kind: string,
  values: Readonly<Record<string, Json>>,
  tlp: Tlp,
  existing?: { readonly id: string; readonly tlp: Tlp; readonly values: Readonly<Record<string, unknown>> },
): RecordEdit | null {
  const fields = Object.entries(values);
  if (existing === undefined) return { kind, tlp, ops: fields.map(([field, value]) => ({ field, value })) };
  const republish = existing.tlp !== tlp || leavesDraft(statusOf(existing.values), statusOf(values));
  const ops = fields.filter(([field, value]) => republish || stableJson(existing.values[field]) !== stableJson(value)).map(([field, value]) => ({ field, value }));
  if (ops.length === 0) return null;
  return { record: existing.id, kind, tlp, ops };
}
