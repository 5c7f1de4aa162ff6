/**
 * Deconfliction warnings (DESIGN.md §3: "this deconfliction is the mechanism's main value; make it
 * prominent"). Each names the record it is about and every record behind it, so the UI can list them
 * and open each one. Types and their parameters are translated in renderer/locales/{en,uk}/domain.json
 * under `warning.<type>`.
 *
 * high   — assistance may be wasted or misdirected: over-coverage, duplicate offers, allocations to a
 *          need that is withdrawn, closed or deleted, an offer allocated beyond itself, more delivered
 *          than offered;
 * medium — the figures are incomplete: units that do not match, deliveries that cannot be attributed
 *          to a need, more accepted than delivered;
 * low    — the picture here is incomplete: references to records this workstation has not received
 *          (or may not see because of their TLP), and records whose values cannot be read.
 */
export const WARNING_TYPES = [
  'over-coverage',
  'duplicate-offer',
  'allocation-to-withdrawn-need',
  'allocations-exceed-offer',
  'delivery-exceeds-offer',
  'unit-mismatch',
  'delivery-unattributed',
  'delivery-need-not-allocated',
  'acceptance-exceeds-delivery',
  'allocation-to-missing-need',
  'missing-reference',
  'invalid-record',
] as const;
export type WarningType = (typeof WARNING_TYPES)[number];

export type WarningSeverity = 'high' | 'medium' | 'low';

export const WARNING_SEVERITY: Readonly<Record<WarningType, WarningSeverity>> = {
  'over-coverage': 'high',
  'duplicate-offer': 'high',
  'allocation-to-withdrawn-need': 'high',
  'allocations-exceed-offer': 'high',
  'delivery-exceeds-offer': 'high',
  'unit-mismatch': 'medium',
  'delivery-unattributed': 'medium',
  'delivery-need-not-allocated': 'medium',
  'acceptance-exceeds-delivery': 'medium',
  'allocation-to-missing-need': 'low',
  'missing-reference': 'low',
  'invalid-record': 'low',
};

export interface DeconflictionWarning {
  readonly type: WarningType;
  readonly severity: WarningSeverity;
  /** The record the warning is about: listed first in `records`. */
  readonly subject: string;
  /** Every record behind the warning: the subject first, then the others sorted, each once. */
  readonly records: readonly string[];
  /** Interpolation values for the message (quantities, units, the state of a need, the field named). */
  readonly params: Readonly<Record<string, string | number>>;
}

export function makeWarning(type: WarningType, subject: string, others: readonly string[], params: Readonly<Record<string, string | number>> = {}): DeconflictionWarning {
  const rest = [...new Set(others)].filter((id) => id !== subject).sort();
  return { type, severity: WARNING_SEVERITY[type], subject, records: [subject, ...rest], params };
}

const SEVERITY_ORDER: Readonly<Record<WarningSeverity, number>> = { high: 0, medium: 1, low: 2 };
const TYPE_ORDER = new Map<WarningType, number>(WARNING_TYPES.map((type, index) => [type, index]));

/** Most severe first, then by type, subject and the rest of the records: the same order on every replica. */
export function compareWarnings(a: DeconflictionWarning, b: DeconflictionWarning): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Sorts in place in compareWarnings order, computing each warning's key once (thousands of warnings). */
export function sortWarnings(warnings: DeconflictionWarning[]): void {
  const keyed = warnings.map((warning) => ({ key: sortKey(warning), warning }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach((entry, index) => {
    warnings[index] = entry.warning;
  });
}

/** Severity as one digit, type as two, then the record ids (all the same length, so text order is id order). */
function sortKey(warning: DeconflictionWarning): string {
  return `${SEVERITY_ORDER[warning.severity]}${String(TYPE_ORDER.get(warning.type) ?? 9).padStart(2, '0')} ${warning.records.join(' ')}`;
}
