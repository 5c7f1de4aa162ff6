/**
 * One error type for the sync engine's refusals of *local* requests (local-write.ts), with a stable
 * machine-readable `code`, like CryptoError in shared/crypto.
 *
 * Why only local requests throw: an import is untrusted input, and a hostile file must never be able to
 * abort it halfway, so `ingest` reports every problem in its IngestReport and never throws. A local write
 * that the engine refuses is a UI or programming error (editing a record owned by someone else, an id
 * that does not exist, a kind that does not match): throwing stops it before anything is changed, and the
 * code lets the worker answer `write-refused` with a precise reason.
 */
export type SyncErrorCode =
  /** The record belongs to another delegation: only its owner may change it (DESIGN.md §3). */
  | 'not-owner'
  /** The record id is not held by this replica. */
  | 'unknown-record'
  /** The edit names a kind other than the record's (a record's kind never changes). */
  | 'kind-mismatch'
  /** The domain's kind rules refuse the edit (details.reason names the rule). */
  | 'kind-rule'
  /** This device's own chain is frozen by fork evidence: it must not sign anything more. */
  | 'chain-frozen'
  /** Anything else that makes the request malformed (field names, values, bases, keys, device). */
  | 'invalid';

export type SyncErrorDetails = Readonly<Record<string, string | number | readonly (string | number)[]>>;

export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly code: SyncErrorCode;
  readonly details: SyncErrorDetails;

  constructor(code: SyncErrorCode, message: string, details: SyncErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isSyncError(error: unknown, code?: SyncErrorCode): error is SyncError {
  return error instanceof SyncError && (code === undefined || error.code === code);
}
