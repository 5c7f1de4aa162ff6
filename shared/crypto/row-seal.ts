/**
 * Sealing of every stored row (DESIGN.md §6): NaCl secretbox (XSalsa20-Poly1305) with a random
 * 24-byte nonce, under a row key derived once from the master key, with the row's table, id and version
 * sealed inside:
 *
 *   plaintext = 0x01 ‖ u32be(len(header)) ‖ header ‖ payload,   header = canonical {"id","table","version"}
 *
 * Why the header is inside the box: an attacker who can write the IndexedDB files can swap ciphertexts
 * between rows, or put back an older ciphertext of the same row. Both still authenticate (same key), so
 * only the sealed header reveals them: opening compares it with the table, id and version the caller
 * expects and refuses a mismatch with its own error (moved vs rolled back).
 *
 * What "expected version" means is the caller's business: rollback of a row is detected only against a
 * version known from somewhere the attacker could not roll back with it (e.g. a sealed manifest or the
 * audit chain); a version read from the same plaintext index as the ciphertext is a consistency check.
 *
 * Why a derived row key and not a per-row subkey: one secretbox key for all rows keeps sealing at one
 * XSalsa20-Poly1305 pass per row (10,000 rows of 1 KB seal and open in well under a second in JS), while
 * 192-bit random nonces make nonce reuse negligible for any realistic number of rows (2^-96 at 2^48 rows).
 *
 * Which implementation: @noble/ciphers' xsalsa20poly1305 (audited), which is byte-for-byte tweetnacl's
 * secretbox (the golden rows in tests/fixtures/crypto were sealed by tweetnacl and still open, and
 * tests/unit/crypto/row-seal.test.ts compares both on every size) and about 1.5× faster on the large rows
 * records are stored in now (buckets of up to 128 records, ~130 KB): sealing is most of a large write.
 */
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import { z } from 'zod';
import { DOMAINS, deriveSubkey } from './domains';
import { bytesEqual, utf8Decode, utf8Encode } from './encoding';
import { CryptoError } from './errors';
import { randomBytes, systemRandom, type RandomSource } from './random';

const FORMAT_VERSION = 1;
const PREFIX_BYTES = 5;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
/** What noble's xsalsa20poly1305 reserves before the message in its output (the Poly1305 key, then the tag). */
const SECRETBOX_SCRATCH = 32;
/** Far above any real header (table ≤ 64 + id ≤ 256 + digits), so an inflated length is refused quickly. */
const MAX_HEADER_BYTES = 1024;

export const RowHeaderSchema = z.strictObject({
  /** Dexie table name: short lowercase identifier. */
  table: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/u, { error: 'table must be a lowercase identifier of at most 64 characters' }),
  /** Row id: opaque random id (DESIGN.md §6), at most 256 characters. */
  id: z.string().min(1).max(256),
  /** Row version: incremented on every write; lower than expected means a rollback. */
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type RowHeader = z.infer<typeof RowHeaderSchema>;

/** What is stored per row; IndexedDB stores Uint8Array natively. */
export const SealedRowSchema = z.strictObject({
  nonce: z.instanceof(Uint8Array).refine((nonce) => nonce.length === NONCE_BYTES, { error: `nonce must have ${NONCE_BYTES} bytes` }),
  box: z.instanceof(Uint8Array).refine((box) => box.length >= TAG_BYTES + PREFIX_BYTES, { error: 'box is too short' }),
});
export interface SealedRow {
  readonly nonce: Uint8Array;
  readonly box: Uint8Array;
}

declare const rowKeyBrand: unique symbol;
/**
 * The key rows are sealed with. Branded so the master key cannot be passed where a row key is expected by
 * mistake (both are 32 bytes; mixing them would seal rows nothing can open later).
 */
export type RowKey = Uint8Array & { readonly [rowKeyBrand]: true };

/** Derive once at unlock, zeroize at lock: subkey(master key, "tallinn-desk/v1/row-seal"). */
export function deriveRowKey(masterKey: Uint8Array): RowKey {
  if (masterKey.length !== 32) throw new CryptoError('key-invalid', `The master key must have 32 bytes, not ${masterKey.length}.`);
  return deriveSubkey(masterKey, DOMAINS.rowSeal) as RowKey;
}

const TABLE_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/u;
/** With the u flag, \p{Cs} matches only unpaired surrogates, which RFC 8785 (and UTF-8) cannot carry. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The sealed header bytes: RFC 8785 canonical JSON of {id, table, version}, i.e. exactly
 * `canonicalBytes({ id, table, version })` (a property test checks the equality). Built by hand because it
 * runs twice per row and the generic path (zod + canonicalize) costs about as much as a 1 KB secretbox:
 * keys are already in canonical order, ECMAScript's JSON.stringify of a well-formed string is RFC 8785's
 * string form, and a safe non-negative integer prints identically in both.
 */
export function rowHeaderBytes(header: RowHeader): Uint8Array {
  const { table, id, version } = header as Partial<Record<keyof RowHeader, unknown>>;
  if (
    typeof table !== 'string' ||
    !TABLE_PATTERN.test(table) ||
    typeof id !== 'string' ||
    id.length < 1 ||
    id.length > 256 ||
    LONE_SURROGATE.test(id) ||
    typeof version !== 'number' ||
    !Number.isSafeInteger(version) ||
    version < 0
  ) {
    const issue = RowHeaderSchema.safeParse({ table, id, version }).error?.issues[0];
    const where = issue === undefined ? 'id' : issue.path.map(String).join('.');
    throw new CryptoError('row-header-invalid', `Invalid row header (${where}: ${issue?.message ?? 'not representable as canonical JSON'}).`);
  }
  return utf8Encode(`{"id":${JSON.stringify(id)},"table":"${table}","version":${String(version)}}`);
}

/** Seals `payload` for the row (table, id, version). A fresh random nonce per call. */
export function sealRow(key: RowKey, header: RowHeader, payload: Uint8Array, random: RandomSource = systemRandom): SealedRow {
  const head = rowHeaderBytes(header);
  // The plaintext is laid out where noble's secretbox works (its documented `output`: 32 bytes of
  // scratch, then the message, encrypted in place), so no second copy of a large row is made, and the
  // plaintext does not outlive the call: the ciphertext overwrites it. This relies on @noble/ciphers
  // 2.4.0 (pinned) copying the message to output[32..] before clearing output[0..32]; the property test
  // in tests/unit/crypto/row-seal.test.ts opens every row with tweetnacl's secretbox, so a version that
  // did otherwise would fail there.
  const work = new Uint8Array(SECRETBOX_SCRATCH + PREFIX_BYTES + head.length + payload.length);
  const plaintext = work.subarray(SECRETBOX_SCRATCH);
  plaintext[0] = FORMAT_VERSION;
  new DataView(work.buffer, work.byteOffset + SECRETBOX_SCRATCH).setUint32(1, head.length, false);
  plaintext.set(head, PREFIX_BYTES);
  plaintext.set(payload, PREFIX_BYTES + head.length);
  const nonce = randomBytes(NONCE_BYTES, random);
  const box = xsalsa20poly1305(key, nonce).encrypt(plaintext, work);
  return { nonce, box };
}

/** The box's plaintext, or null when it does not authenticate (noble throws; callers want one path). */
function openBox(key: RowKey, sealed: SealedRow): Uint8Array | null {
  if (sealed.box.length < TAG_BYTES) return null;
  try {
    return xsalsa20poly1305(key, sealed.nonce).decrypt(sealed.box);
  } catch {
    return null;
  }
}

function describe(header: RowHeader): string {
  return `${header.table}/${header.id} v${header.version}`;
}

/**
 * Opens a sealed row expected at (table, id, version) and returns its payload. Errors:
 * - `row-unreadable`: does not authenticate — corrupted, truncated, bit-flipped, or another key;
 * - `row-moved`: authentic, but sealed for another table or id (swapped or copied);
 * - `row-rolled-back`: authentic, right row, older version;
 * - `row-version-mismatch`: authentic, right row, newer version than expected.
 */
export function openRow(key: RowKey, expected: RowHeader, sealed: SealedRow): Uint8Array {
  const expectedHead = rowHeaderBytes(expected);
  if (!(sealed.nonce instanceof Uint8Array) || !(sealed.box instanceof Uint8Array) || sealed.nonce.length !== NONCE_BYTES) {
    throw new CryptoError('row-unreadable', `Row ${describe(expected)} cannot be opened: its stored form is malformed.`, {
      table: expected.table,
      id: expected.id,
    });
  }
  const plaintext = openBox(key, sealed);
  if (plaintext === null) {
    throw new CryptoError(
      'row-unreadable',
      `Row ${describe(expected)} cannot be opened: it is corrupted or truncated, or was sealed with another key.`,
      { table: expected.table, id: expected.id },
    );
  }
  const headLength = plaintext.length >= PREFIX_BYTES ? new DataView(plaintext.buffer, plaintext.byteOffset).getUint32(1, false) : -1;
  if (plaintext[0] !== FORMAT_VERSION || headLength < 0 || headLength > MAX_HEADER_BYTES || PREFIX_BYTES + headLength > plaintext.length) {
    plaintext.fill(0);
    throw new CryptoError('row-header-invalid', `Row ${describe(expected)} opened but its sealed header is malformed.`, {
      table: expected.table,
      id: expected.id,
    });
  }
  const sealedHead = plaintext.subarray(PREFIX_BYTES, PREFIX_BYTES + headLength);
  if (bytesEqual(sealedHead, expectedHead)) return plaintext.subarray(PREFIX_BYTES + headLength);

  // Slow path, only on failure: find out what the row really is, for a precise message.
  let actual: RowHeader;
  try {
    actual = RowHeaderSchema.parse(JSON.parse(utf8Decode(sealedHead)));
  } catch {
    plaintext.fill(0);
    throw new CryptoError('row-header-invalid', `Row ${describe(expected)} opened but its sealed header is malformed.`, {
      table: expected.table,
      id: expected.id,
    });
  }
  plaintext.fill(0);
  const details = {
    table: expected.table,
    id: expected.id,
    expectedVersion: expected.version,
    sealedTable: actual.table,
    sealedId: actual.id,
    sealedVersion: actual.version,
  };
  if (actual.table !== expected.table || actual.id !== expected.id) {
    throw new CryptoError('row-moved', `Row ${describe(expected)} holds the sealed content of ${describe(actual)}: it was moved or swapped.`, details);
  }
  if (actual.version < expected.version) {
    throw new CryptoError(
      'row-rolled-back',
      `Row ${describe(expected)} holds an older sealed version (v${actual.version}): it was rolled back.`,
      details,
    );
  }
  throw new CryptoError('row-version-mismatch', `Row ${describe(expected)} holds a newer sealed version (v${actual.version}) than expected.`, details);
}
