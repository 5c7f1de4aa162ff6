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
