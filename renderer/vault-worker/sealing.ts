/**
 * Sealing and opening one stored value, with failures named the way the user and the tests need them.
 * Part of the repository layer: only repository.ts calls it (the rest of the worker never sees a box).
 *
 * shared/crypto's row sealing binds (table, id, version) inside the box and tells the failure modes apart
 * (unreadable / moved / rolled back / newer than expected). Here each becomes `vault-corrupt` whose
 * details name the table and id and the reason; a stored value that is not even shaped like a sealed
 * value (missing or non-binary nonce/box) is `unreadable` too, rather than a TypeError.
 */
import { CryptoError, openRow, type RowKey, sealRow } from '@shared/crypto';
import type { SealedValue } from './db';
import { corruptRow, type VaultErrorDetails, toVaultError, VaultFailure } from './errors';

export function sealValue(rowKey: RowKey, table: string, id: string, version: number, payload: Uint8Array): SealedValue {
  return sealRow(rowKey, { table, id, version }, payload);
}

function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null) return false;
  const { nonce, box } = value as Partial<Record<keyof SealedValue, unknown>>;
  return nonce instanceof Uint8Array && box instanceof Uint8Array;
}

/**
 * Opens the value stored for (table, id) expecting `version`. `extra` adds facts to the error details (a
 * record's own id beside its storage id). The returned payload is a view into a fresh buffer the caller
 * may zeroize.
 */
export function openValue(rowKey: RowKey, table: string, id: string, version: number, stored: unknown, extra: VaultErrorDetails = {}): Uint8Array {
  if (!isSealedValue(stored)) {
    throw corruptRow(table, id, 'unreadable', `Row ${table}/${id} cannot be opened: its stored form is malformed.`, extra);
  }
  try {
    return openRow(rowKey, { table, id, version }, stored);
  } catch (error) {
    if (error instanceof CryptoError) {
      const translated = toVaultError(error);
      throw new VaultFailure(translated.code, translated.message, { details: { ...translated.details, table, id, ...extra }, cause: error });
    }
    throw error;
  }
}
