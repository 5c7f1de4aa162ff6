/**
 * One error type for everything in shared/crypto, with a stable machine-readable `code`.
 *
 * Why codes: the UI shows these failures in English and Ukrainian, and the audit log records them, so the
 * caller must be able to tell "wrong passphrase" from "KDF parameters were altered" without parsing an
 * English message. `details` carries the few facts a message needs (a field name, a word position, a
 * table and id) and never carries secret material.
 */
export type CryptoErrorCode =
  /** Input that should have been canonical JSON, base64, base32 or hex is not. */
  | 'encoding-invalid'
  /** A randomness source returned something other than the requested number of bytes. */
  | 'random-invalid'
  /** Stored Argon2id parameters are malformed or outside the accepted bounds (details.field names which). */
  | 'kdf-params-invalid'
  /** Stored Argon2id parameters no longer match what the vault was sealed with. */
  | 'kdf-params-altered'
  /** A new passphrase does not meet the minimum length. */
  | 'passphrase-too-short'
  /** The passphrase does not open the vault (or, indistinguishably, the parameters were altered consistently). */
  | 'wrong-passphrase'
  /** A stored key-wrap record is malformed. */
  | 'wrap-invalid'
  /** A key-wrap record was opened with the right recovery key id but its ciphertext does not open. */
  | 'wrap-corrupted'
  /** Recovery words: wrong number of words. */
  | 'mnemonic-word-count'
  /** Recovery words: a word that is not in the BIP39 English list (details.positions). */
  | 'mnemonic-unknown-word'
  /** Recovery words: all words are valid but the BIP39 checksum fails (typo or swapped words). */
  | 'mnemonic-checksum'
  /** Valid recovery words that belong to a different (for example a replaced) recovery sheet. */
  | 'recovery-key-mismatch'
  /** A row header (table, id, version) is malformed. */
  | 'row-header-invalid'
  /** A sealed row cannot be opened: corrupted, truncated, or sealed under another key. */
  | 'row-unreadable'
  /** A sealed row opened but belongs to another table or id: it was moved or swapped. */
  | 'row-moved'
  /** A sealed row opened but carries an older version than expected: it was rolled back. */
  | 'row-rolled-back'
  /** A sealed row opened but carries a newer version than the caller expected. */
  | 'row-version-mismatch'
  /** Key material of the wrong length or shape. */
  | 'key-invalid'
  /** A key event or key event log is malformed or fails verification (details.index names the event). */
  | 'key-event-invalid'
  /** A key event of a kind this version cannot verify yet (rotation). */
  | 'key-event-unsupported'
  /** A fingerprint input is malformed. */
  | 'fingerprint-invalid'
  /** A recovery sheet or revocation certificate is malformed. */
  | 'recovery-sheet-invalid';

export type CryptoErrorDetails = Readonly<Record<string, string | number | readonly (string | number)[]>>;

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  readonly code: CryptoErrorCode;
  readonly details: CryptoErrorDetails;

  constructor(code: CryptoErrorCode, message: string, details: CryptoErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isCryptoError(error: unknown, code?: CryptoErrorCode): error is CryptoError {
  return error instanceof CryptoError && (code === undefined || error.code === code);
}
