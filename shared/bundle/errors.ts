/**
 * One error type for the bundle layer, with a stable `code` (translated by the UI, recorded in the audit
 * log) and an English message a checkpoint officer can act on. The reader and writer throw nothing else:
 * any other exception is wrapped as `internal` (`asBundleError`).
 */
export type BundleErrorCode =
  /** The bundle or its signature file is missing, empty or unreadable (CLI and file layer). */
  | 'file-missing'
  | 'file-empty'
  /** A file is over its size cap. */
  | 'file-too-large'
  /** The `.minisig` file is not a minisign signature (shape, base64, lengths). */
  | 'signature-malformed'
  /** A legacy (non-prehashed) minisign signature. */
  | 'signature-legacy'
  /** The signing key is not the current key of any delegation we know. */
  | 'signer-unknown'
  /** The signer's delegation is known but its fingerprint was not verified. */
  | 'signer-unverified'
  /** The signer's delegation is revoked. */
  | 'signer-revoked'
  /** The signature or the trusted-comment signature does not verify. */
  | 'signature-invalid'
  /** The trusted comment is not a Tallinn Desk bundle comment. */
  | 'comment-malformed'
  /** The bundle (or card) uses a newer format version than this reader. */
  | 'format-newer'
  /** The bundle (or card) uses a format version this reader does not read (older or unknown). */
  | 'format-unsupported'
  /** The signed recipient list does not name us. */
  | 'not-for-us'
  /** The age file header is malformed or over its caps. */
  | 'age-header-malformed'
  /** A stanza that is not a plain X25519 recipient (hybrid, scrypt, plugin…). */
  | 'age-stanza-unsupported'
  /** The number of age stanzas differs from the signed recipient list. */
  | 'age-stanza-count'
  /** age decryption failed (not our key, corrupted ciphertext, truncated file). */
  | 'decrypt-failed'
  /** The decrypted payload is not the one the signature names. */
  | 'payload-hash-mismatch'
  /** The payload inflates beyond the decompressed-size cap. */
  | 'payload-too-large'
  /** The payload is not a valid compressed stream or not UTF-8. */
  | 'payload-corrupt'
  /** The payload JSON is invalid or over a JSON cap (depth, keys, values), or has forbidden or duplicate keys. */
  | 'json-invalid'
  /** The payload JSON does not match the bundle schema (details name the path). */
  | 'payload-schema'
  /** The inner header disagrees with the signed comment (surreptitious forwarding). */
  | 'header-mismatch'
  /** A key event log in the bundle fails verification or contradicts what we know. */
  | 'key-log-invalid'
  /** The sync rules refused the whole bundle (e.g. the sender's clock is beyond the drift bound). */
  | 'sync-refused'
  /** A contact card is malformed, fails verification or collides with a known delegation. */
  | 'card-invalid'
  | 'card-collision'
  /** Writer input that cannot be sealed (no recipients, too many, a revoked recipient…). */
  | 'seal-invalid'
  /** Anything unexpected, wrapped. */
  | 'internal';

/**
 * Codes raised before the signature is proven (reader steps 1-4): the key id in the .minisig is then only
 * a claim anyone can write, so such a refusal names no sender.
 */
export const SIGNATURE_UNPROVEN_CODES: ReadonlySet<string> = new Set<BundleErrorCode>([
  'file-missing',
  'file-empty',
  'file-too-large',
  'signature-malformed',
  'signature-legacy',
  'signer-unknown',
  'signer-unverified',
  'signer-revoked',
  'signature-invalid',
]);

/** Refusals cured by importing the signer's contact card and verifying its fingerprint. */
export const SIGNER_CARD_CODES: ReadonlySet<string> = new Set<BundleErrorCode>(['signer-unknown', 'signer-unverified']);

export type BundleErrorDetails = Readonly<Record<string, string | number | boolean | readonly (string | number)[]>>;

export class BundleError extends Error {
  override readonly name = 'BundleError';
  readonly code: BundleErrorCode;
  readonly details: BundleErrorDetails;

  constructor(code: BundleErrorCode, message: string, details: BundleErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isBundleError(error: unknown, code?: BundleErrorCode): error is BundleError {
  return error instanceof BundleError && (code === undefined || error.code === code);
}

/** Wraps anything thrown into a BundleError (`internal` unless it already is one). */
export function asBundleError(error: unknown, fallback: BundleErrorCode = 'internal'): BundleError {
  if (error instanceof BundleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BundleError(fallback, message.length > 300 ? `${message.slice(0, 297)}...` : message);
}
