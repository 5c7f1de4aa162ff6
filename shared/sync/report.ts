/**
 * The import report (DESIGN.md §5: applied, duplicates, conflicts, parked, rejected with reasons).
 *
 * `IngestReport` has exactly the shape of `ingestReportSchema` in shared/ipc/vault-protocol.ts. It is
 * defined here rather than imported because the sync engine is the lower layer: the protocol describes
 * what the engine produces, not the other way round (a unit test checks that every report the engine
 * makes parses with the protocol schema).
 *
 * A hostile input can hold hundreds of thousands of bad items. The report names each rejection up to a
 * cap per reason (`maxUncovered` for uncovered change-sets, MAX_REPORTED_PER_REASON for every other
 * reason) and then adds one summary entry with the count of the rest, so the report stays small enough to
 * post to the UI and store in the audit log whatever the input.
 */

export interface IngestRejection {
  readonly device: string | null;
  readonly seq: number | null;
  readonly hash: string | null;
  /** Machine-readable reason (see docs/sync.md §9), at most 64 characters. */
  readonly reason: string;
  /** English detail, at most 500 characters. */
  readonly message: string;
}

export interface IngestFlag {
  readonly hash: string;
  readonly reason: string;
  readonly message: string;
}

export interface IngestFork {
  readonly device: string;
  readonly seq: number;
  readonly hashes: string[];
}

export interface IngestGap {
  readonly device: string;
  /** First and last missing seq (inclusive). */
  readonly from: number;
  readonly to: number;
}

export interface IngestRefusal {
  readonly reason: string;
  readonly message: string;
  readonly skewMs?: number;
}

export interface IngestReport {
  /** New change-sets whose content was merged. */
  applied: number;
  /** Change-sets already held (and repeated ones within the input): no-ops. */
  duplicates: number;
  /** Content that arrived for a change-set held as a header only. */
  contentFilled: number;
  /** New change-sets received as headers only (their content is now "missing"). */
  redacted: number;
  /** Change-sets from devices this replica cannot verify yet. */
  parked: number;
  /** (record, field) conflicts that exist after this input and did not before. */
  newConflicts: number;
  rejected: IngestRejection[];
  flagged: IngestFlag[];
  forks: IngestFork[];
  gaps: IngestGap[];
  /** Set when the whole input was refused before anything was applied (clock skew, internal error). */
  refused: IngestRefusal | null;
}

/** Rejections named one by one per reason before they are summarised. */
export const MAX_REPORTED_PER_REASON = 1000;
const MAX_REASON = 64;
const MAX_MESSAGE = 500;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function emptyReport(): IngestReport {
  return { applied: 0, duplicates: 0, contentFilled: 0, redacted: 0, parked: 0, newConflicts: 0, rejected: [], flagged: [], forks: [], gaps: [], refused: null };
}

/** Builds a report; caps the per-reason lists (see the module comment). */
export class ReportBuilder {
  readonly report: IngestReport = emptyReport();
  private readonly counts = new Map<string, number>();

  constructor(private readonly caps: Readonly<Record<string, number>> = {}) {}

  reject(device: string | null, seq: number | null, hash: string | null, reason: string, message: string): void {
    const count = (this.counts.get(reason) ?? 0) + 1;
    this.counts.set(reason, count);
    if (count <= this.cap(reason)) {
      this.report.rejected.push({ device, seq, hash, reason: clip(reason, MAX_REASON), message: clip(message, MAX_MESSAGE) });
    }
  }

  flag(hash: string, reason: string, message: string): void {
    const key = `flag:${reason}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= MAX_REPORTED_PER_REASON) this.report.flagged.push({ hash, reason: clip(reason, MAX_REASON), message: clip(message, MAX_MESSAGE) });
  }

  refuse(reason: string, message: string, skewMs?: number): IngestReport {
    const refused: IngestRefusal = skewMs === undefined ? { reason: clip(reason, MAX_REASON), message: clip(message, MAX_MESSAGE) } : { reason, message: clip(message, MAX_MESSAGE), skewMs };
    return { ...emptyReport(), refused };
  }

  /** The finished report: one summary entry per reason whose list was capped. */
  build(): IngestReport {
    for (const [reason, count] of this.counts) {
      if (reason.startsWith('flag:')) continue;
      const cap = this.cap(reason);
      if (count > cap) {
        this.report.rejected.push({ device: null, seq: null, hash: null, reason, message: `${count - cap} more change-sets or checkpoints were rejected for the same reason (${reason}).` });
      }
    }
    return this.report;
  }

  private cap(reason: string): number {
    return this.caps[reason] ?? MAX_REPORTED_PER_REASON;
  }
}
