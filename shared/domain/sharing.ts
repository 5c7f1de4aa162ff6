/**
 * What may leave the vault at all, before TLP and recipients are considered (DESIGN.md §3): a need in
 * draft is the beneficiary's work in progress and never leaves the workstation. The export wizard
 * leaves out records for which this is false; once a need is submitted its current values travel.
 *
 * Unreadable values count as not shareable: when in doubt, a record stays home.
 */
export function isShareable(kind: string, values: Readonly<Record<string, unknown>>): boolean {
  if (kind === 'need') return typeof values.status === 'string' && values.status !== 'draft';
  return true;
}

/**
 * What a change-set's operations do to a record's draft state: 'draft' when it sets a need's status to
 * draft, 'released' when it files it (any status but draft and withdrawn), null when it leaves the status
 * alone, withdraws it, or the kind has no drafts. A need's change-sets authored (by HLC) before the first 'released' one were written
 * while it was a draft and never leave the vault, even after it was submitted.
 */
export function draftTransition(kind: string, ops: readonly { readonly field: string; readonly value: unknown }[]): 'draft' | 'released' | null {
  if (kind !== 'need') return null;
  const status = ops.find((op) => op.field === 'status');
  if (status === undefined) return null;
  if (status.value === 'draft' || typeof status.value !== 'string') return 'draft';
  // A draft withdrawn before it was ever filed was never stated: withdrawing it releases nothing.
  return status.value === 'withdrawn' ? null : 'released';
}

/**
 * Whether a status change takes a need out of draft: from 'draft' to a status `draftTransition` counts
 * as 'released'. Change-sets written while a need was a draft never leave the vault (DESIGN.md §3), not
 * even once it is submitted, so the change-set that releases it must carry every current value. A draft
 * that is withdrawn is not released (`draftTransition` gives null): nothing is re-published.
 */
export function leavesDraft(before: string | undefined, after: string | undefined): boolean {
  return before === 'draft' && draftTransition('need', [{ field: 'status', value: after }]) === 'released';
}
