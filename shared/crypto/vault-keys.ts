/**
 * The vault's key hierarchy (DESIGN.md §6):
 *
 *   passphrase ─NFC─ Argon2id(params) ─ subkey(kek-passphrase) ─┐
 *                                                              ├─ secretbox ─ master key (32 random bytes)
 *   recovery key (24 words) ─────────── subkey(kek-recovery) ──┘                │
 *                                                                              └─ subkey(row-seal) → rows
 *
 * The master key never changes for the life of the vault; a passphrase change or a new recovery sheet
 * re-wraps it, so no row has to be re-sealed and an interrupted change leaves the old wrap intact.
 *
 * Every wrap's sealed plaintext is `binding (32 bytes) ‖ master key (32 bytes)` where `binding` hashes the
 * wrap's kind and, for a passphrase wrap, its canonical Argon2id parameters. Whether tampered parameters
 * can be told apart from a wrong passphrase is explained at `unwrapWithPassphrase`.
 */
import nacl from 'tweetnacl';
import { z } from 'zod';
import { DOMAINS, deriveSubkey, domainHash } from './domains';
import { base64BytesSchema, bytesEqual, canonicalBytes, concatBytes, fromBase64, toBase64, zeroize } from './encoding';
import { CryptoError } from './errors';
import { type Argon2idFunction, deriveFromPassphrase, hashWasmArgon2id, type KdfCost, type KdfParams, newKdfParams, parseKdfParams } from './kdf';
import { bytesToWords, wordsToBytes } from './mnemonic';
import { passphraseRules, PASSPHRASE_MIN_LENGTH } from './passphrase';
import { randomBytes, systemRandom, type RandomSource } from './random';

export const MASTER_KEY_BYTES = 32;
export const RECOVERY_KEY_BYTES = 32;
const BINDING_BYTES = 32;
const NONCE_BYTES = nacl.secretbox.nonceLength;
const WRAPPED_BYTES = BINDING_BYTES + MASTER_KEY_BYTES + nacl.secretbox.overheadLength;
const RECOVERY_KEY_ID_BYTES = 16;

/** Stored record of the master key wrapped under a passphrase. */
export const PassphraseWrapSchema = z.strictObject({
  kind: z.literal('passphrase'),
  v: z.literal(1),
  /** Parsed separately with parseKdfParams so an out-of-bounds field is named precisely. */
  kdf: z.unknown(),
  /** BLAKE2b-256(kdf-params domain ‖ canonical kdf): catches edits that forgot to update it. Not secret. */
  kdfDigestB64: base64BytesSchema(32),
  nonceB64: base64BytesSchema(NONCE_BYTES),
  boxB64: base64BytesSchema(WRAPPED_BYTES),
});
export type PassphraseWrap = Omit<z.infer<typeof PassphraseWrapSchema>, 'kdf'> & { kdf: KdfParams };

/** Stored record of the master key wrapped under the recovery key. */
export const RecoveryWrapSchema = z.strictObject({
  kind: z.literal('recovery'),
  v: z.literal(1),
  /** First 16 bytes of BLAKE2b-256(recovery-key-id domain ‖ recovery key): safe to store (256-bit key). */
  recoveryKeyIdB64: base64BytesSchema(RECOVERY_KEY_ID_BYTES),
  nonceB64: base64BytesSchema(NONCE_BYTES),
  boxB64: base64BytesSchema(WRAPPED_BYTES),
});
export type RecoveryWrap = z.infer<typeof RecoveryWrapSchema>;

export type WrapRecord = PassphraseWrap | RecoveryWrap;

export interface PassphraseWrapOptions {
  readonly random?: RandomSource;
  readonly kdf?: Argon2idFunction;
}

/** A new random master key. The caller zeroizes it on lock. */
export function newMasterKey(random: RandomSource = systemRandom): Uint8Array {
  return randomBytes(MASTER_KEY_BYTES, random);
}

/** The unkeyed check value stored beside the parameters. */
export function kdfParamsDigest(params: KdfParams): Uint8Array {
  return domainHash(DOMAINS.kdfParams, canonicalBytes(params));
}

function passphraseBinding(params: KdfParams): Uint8Array {
  return domainHash(DOMAINS.masterWrap, canonicalBytes({ kind: 'passphrase', kdf: params }));
}

function recoveryBinding(recoveryKeyIdB64: string): Uint8Array {
  return domainHash(DOMAINS.masterWrap, canonicalBytes({ kind: 'recovery', recoveryKeyIdB64 }));
}

function checkKey(key: Uint8Array, bytes: number, what: string): void {
  if (key.length !== bytes) throw new CryptoError('key-invalid', `The ${what} must have ${bytes} bytes, not ${key.length}.`);
}

function seal(kek: Uint8Array, binding: Uint8Array, masterKey: Uint8Array, random: RandomSource): { nonceB64: string; boxB64: string } {
  const plaintext = concatBytes(binding, masterKey);
  const nonce = randomBytes(NONCE_BYTES, random);
  try {
    return { nonceB64: toBase64(nonce), boxB64: toBase64(nacl.secretbox(plaintext, nonce, kek)) };
  } finally {
    zeroize(plaintext);
  }
}

/** Opens a wrap; null when the box does not authenticate, otherwise the plaintext (caller zeroizes). */
function open(kek: Uint8Array, nonceB64: string, boxB64: string): Uint8Array | null {
  return nacl.secretbox.open(fromBase64(boxB64, 'boxB64'), fromBase64(nonceB64, 'nonceB64'), kek);
}

async function passphraseKek(passphrase: string, params: KdfParams, kdf: Argon2idFunction): Promise<Uint8Array> {
  const stretched = await deriveFromPassphrase(passphrase, params, kdf);
  try {
    return deriveSubkey(stretched, DOMAINS.kekPassphrase);
  } finally {
    zeroize(stretched);
  }
}

/**
 * Wraps the master key under a passphrase with the given Argon2id cost and a fresh random salt. Refuses a
 * passphrase shorter than the minimum so a weak one is never written, whatever the UI did.
 */
export async function wrapWithPassphrase(
  masterKey: Uint8Array,
  passphrase: string,
  cost: KdfCost,
  options: PassphraseWrapOptions = {},
): Promise<PassphraseWrap> {
  checkKey(masterKey, MASTER_KEY_BYTES, 'master key');
  const rules = passphraseRules(passphrase);
  if (!rules.ok) {
    throw new CryptoError('passphrase-too-short', `The passphrase must have at least ${PASSPHRASE_MIN_LENGTH} characters; it has ${rules.length}.`, {
      length: rules.length,
      minLength: PASSPHRASE_MIN_LENGTH,
    });
  }
  const random = options.random ?? systemRandom;
  const params = newKdfParams(cost, random);
  const kek = await passphraseKek(passphrase, params, options.kdf ?? hashWasmArgon2id);
  try {
    const { nonceB64, boxB64 } = seal(kek, passphraseBinding(params), masterKey, random);
    return { kind: 'passphrase', v: 1, kdf: params, kdfDigestB64: toBase64(kdfParamsDigest(params)), nonceB64, boxB64 };
  } finally {
    zeroize(kek);
  }
}

function parseWrap<T>(schema: z.ZodType<T>, record: unknown, kind: string): T {
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined ? kind : issue.path.map(String).join('.') || kind;
    throw new CryptoError('wrap-invalid', `The stored ${kind} key wrap is malformed (${field}: ${issue?.message ?? 'invalid'}).`, { field });
  }
  return parsed.data;
}

/**
 * Unwraps the master key with a passphrase. In order, each failing step gives its own error:
 * 1. the record or its parameters are malformed or out of bounds → `wrap-invalid` / `kdf-params-invalid`
 *    naming the field (before any KDF runs);
 * 2. the stored check value does not match the parameters → `kdf-params-altered`;
 * 3. the box does not open → `wrong-passphrase`;
 * 4. the box opens but its binding names other parameters → `kdf-params-altered`.
 *
 * Honest limit: someone who edits the parameters AND recomputes the unkeyed check value (it is public)
 * produces a vault that fails exactly like a wrong passphrase, because Argon2id with other parameters
 * yields an unrelated key and there is no secret to tell the two cases apart before unlock. The security
 * property still holds (edited parameters never open the vault, and the floor stops downgrades); only
 * the diagnosis degrades, so the wrong-passphrase message mentions the possibility.
 */
export async function unwrapWithPassphrase(record: unknown, passphrase: string, options: { readonly kdf?: Argon2idFunction } = {}): Promise<Uint8Array> {
  const wrap = parseWrap(PassphraseWrapSchema, record, 'passphrase');
  const params = parseKdfParams(wrap.kdf);
  if (!bytesEqual(kdfParamsDigest(params), fromBase64(wrap.kdfDigestB64, 'kdfDigestB64'))) {
    throw new CryptoError(
      'kdf-params-altered',
      'The stored key-derivation parameters were altered: they no longer match the check value written with them. The vault was not opened.',
    );
  }
  const kek = await passphraseKek(passphrase, params, options.kdf ?? hashWasmArgon2id);
  let plaintext: Uint8Array | null = null;
  try {
    plaintext = open(kek, wrap.nonceB64, wrap.boxB64);
    if (plaintext === null) {
      throw new CryptoError(
        'wrong-passphrase',
        'Wrong passphrase. (If you are certain it is right, the vault file may have been altered; unlock with the recovery words instead.)',
      );
    }
    if (!bytesEqual(plaintext.subarray(0, BINDING_BYTES), passphraseBinding(params))) {
      throw new CryptoError('kdf-params-altered', 'The stored key-derivation parameters were altered: the sealed key is bound to other parameters.');
    }
    return plaintext.slice(BINDING_BYTES);
  } finally {
    zeroize(kek, plaintext ?? undefined);
  }
}

/** A new recovery key and its 24 words for the recovery sheet. */
export function newRecoveryKey(random: RandomSource = systemRandom): { key: Uint8Array; words: string[] } {
  const key = randomBytes(RECOVERY_KEY_BYTES, random);
  return { key, words: bytesToWords(key) };
}

/**
 * Reads recovery words back into the key (whitespace-, case- and NFKD-tolerant); errors name the wrong
 * count, the unknown word and its position, or a bad checksum.
 */
export function recoveryKeyFromWords(words: string | readonly string[]): Uint8Array {
  return wordsToBytes(words, 'recovery words');
}

/** Public id of a recovery key, stored in its wrap so old-sheet words are told apart from a typo. */
export function recoveryKeyId(recoveryKey: Uint8Array): string {
  checkKey(recoveryKey, RECOVERY_KEY_BYTES, 'recovery key');
  return toBase64(domainHash(DOMAINS.recoveryKeyId, recoveryKey).subarray(0, RECOVERY_KEY_ID_BYTES));
}

/**
 * The recovery KEK needs no Argon2id: the recovery key already has 256 bits of entropy, so a single PRF
 * call (keyed BLAKE2b under the kek-recovery domain) is enough and recovery stays instant.
 */
export function wrapWithRecoveryKey(masterKey: Uint8Array, recoveryKey: Uint8Array, options: { readonly random?: RandomSource } = {}): RecoveryWrap {
  checkKey(masterKey, MASTER_KEY_BYTES, 'master key');
  const id = recoveryKeyId(recoveryKey);
  const kek = deriveSubkey(recoveryKey, DOMAINS.kekRecovery);
  try {
    const { nonceB64, boxB64 } = seal(kek, recoveryBinding(id), masterKey, options.random ?? systemRandom);
    return { kind: 'recovery', v: 1, recoveryKeyIdB64: id, nonceB64, boxB64 };
  } finally {
    zeroize(kek);
  }
}

/** Unwraps the master key with the recovery key (from `recoveryKeyFromWords`). */
export function unwrapWithRecoveryKey(record: unknown, recoveryKey: Uint8Array): Uint8Array {
  const wrap = parseWrap(RecoveryWrapSchema, record, 'recovery');
  const id = recoveryKeyId(recoveryKey);
  if (id !== wrap.recoveryKeyIdB64) {
    throw new CryptoError(
      'recovery-key-mismatch',
      'These recovery words are valid but belong to another recovery sheet (perhaps one that was replaced). Use the newest sheet.',
    );
  }
  const kek = deriveSubkey(recoveryKey, DOMAINS.kekRecovery);
  let plaintext: Uint8Array | null = null;
  try {
    plaintext = open(kek, wrap.nonceB64, wrap.boxB64);
    if (plaintext === null || !bytesEqual(plaintext.subarray(0, BINDING_BYTES), recoveryBinding(id))) {
      throw new CryptoError('wrap-corrupted', 'The recovery key wrap is damaged: the right recovery words do not open it.');
    }
    return plaintext.slice(BINDING_BYTES);
  } finally {
    zeroize(kek, plaintext ?? undefined);
  }
}
