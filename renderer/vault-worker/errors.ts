/**
 * Every failure leaves the worker as a protocol error `{code, message, details?, retryAt?}` (shared/ipc
 * vault-protocol), never as an uncaught exception: commands throw `VaultFailure` for failures they
 * understand, and `toVaultError` translates everything else (shared/crypto's CryptoError codes, Dexie and
 * IndexedDB errors, bugs) at the one boundary in service.ts.
 *
 * The translation is where "what went wrong" becomes "what the user can do": all row-sealing failures are
 * `vault-corrupt` naming the table and id, both "out of bounds" and "altered" KDF parameters are
 * `kdf-params-invalid` naming the field, and all three recovery-word mistakes are `recovery-words-invalid`
 * with the reason and positions.
 */
import { CryptoError } from '@shared/crypto';
import type { VaultError, VaultErrorCode } from '@shared/ipc/vault-protocol';

export type VaultErrorDetails = NonNullable<VaultError['details']>;

export class VaultFailure extends Error {
  override readonly name = 'VaultFailure';
  readonly code: VaultErrorCode;
  readonly details: VaultErrorDetails | undefined;
  readonly retryAt: string | undefined;

  constructor(code: VaultErrorCode, message: string, options: { details?: VaultErrorDetails; retryAt?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retryAt = options.retryAt;
  }
}

/**
 * `vault-corrupt` for a named row; `reason` is a short machine word (unreadable, moved, rolled-back, …).
 * The message always names the row as `table/id`, for logs and support.
 */
export function corruptRow(table: string, id: string, reason: string, message: string, extra: VaultErrorDetails = {}): VaultFailure {
  const row = `${table}/${id}`;
  const named = message.includes(row) ? message : `${message} (row ${row})`;
  return new VaultFailure('vault-corrupt', named, { details: { table, id, reason, ...extra } });
}

const MAX_MESSAGE = 2000;

/** CryptoError details may hold readonly arrays; the protocol wants plain string/number/array values. */
function protocolDetails(details: CryptoError['details']): VaultErrorDetails {
  const out: VaultErrorDetails = {};
  for (const [key, value] of Object.entries(details)) out[key] = typeof value === 'object' ? [...value] : value;
  return out;
}

const ROW_REASONS: Partial<Record<CryptoError['code'], string>> = {
  'row-unreadable': 'unreadable',
  'row-header-invalid': 'header-invalid',
  'row-moved': 'moved',
  'row-rolled-back': 'rolled-back',
  'row-version-mismatch': 'version-mismatch',
};

const MNEMONIC_REASONS: Partial<Record<CryptoError['code'], string>> = {
  'mnemonic-word-count': 'word-count',
  'mnemonic-unknown-word': 'unknown-word',
  'mnemonic-checksum': 'checksum',
};

function fromCryptoError(error: CryptoError): VaultFailure {
  const details = protocolDetails(error.details);
  const rowReason = ROW_REASONS[error.code];
  if (rowReason !== undefined) return new VaultFailure('vault-corrupt', error.message, { details: { ...details, reason: rowReason } });
  const mnemonicReason = MNEMONIC_REASONS[error.code];
  if (mnemonicReason !== undefined) {
    // The unknown words themselves are near-misses of secret words: the UI gets their positions only,
    // and the message is rewritten because the crypto layer's English text quotes the words.
    const { words: _words, ...safe } = details;
    return new VaultFailure('recovery-words-invalid', `The recovery words are not valid (${mnemonicReason}).`, {
      details: { ...safe, reason: mnemonicReason },
    });
  }
  switch (error.code) {
    case 'kdf-params-invalid':
      return new VaultFailure('kdf-params-invalid', error.message, { details: { ...details, reason: 'out-of-bounds' } });
    case 'kdf-params-altered':
      return new VaultFailure('kdf-params-invalid', error.message, { details: { field: 'kdf', fields: ['kdf'], reason: 'altered' } });
    case 'passphrase-too-short':
      return new VaultFailure('passphrase-too-short', error.message, { details });
    case 'wrong-passphrase':
      return new VaultFailure('wrong-passphrase', error.message, { details });
    case 'recovery-key-mismatch':
      return new VaultFailure('recovery-key-mismatch', error.message, { details });
    default:
      return new VaultFailure('internal', error.message, { details: { ...details, cryptoCode: error.code } });
  }
}

/** Anything thrown → the protocol's error shape. */
export function toVaultError(error: unknown): VaultError {
  let failure: VaultFailure;
  if (error instanceof VaultFailure) failure = error;
  else if (error instanceof CryptoError) failure = fromCryptoError(error);
  else if (error instanceof Error) failure = new VaultFailure('internal', `${error.name}: ${error.message}`);
  else failure = new VaultFailure('internal', `Unexpected failure: ${String(error)}`);
  const message = failure.message.length > MAX_MESSAGE ? `${failure.message.slice(0, MAX_MESSAGE - 3)}...` : failure.message;
  return {
    code: failure.code,
    message,
    ...(failure.details === undefined ? {} : { details: failure.details }),
    ...(failure.retryAt === undefined ? {} : { retryAt: failure.retryAt }),
  };
}
