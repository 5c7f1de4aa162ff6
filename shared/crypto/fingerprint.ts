/**
 * Fingerprints (DESIGN.md §5): what two delegations read to each other over the phone or across the
 * table to verify a contact card. Digits, not words, because a Ukrainian and an English speaker can both
 * read digits aloud in their own language without a shared word list.
 *
 *   digest = BLAKE2b-256( utf8("tallinn-desk/v1/fingerprint") ‖ canonical {"delegation","encryptionKey","signingKey"} )
 *   digits = big-endian integer of digest, mod 10^40, written with 40 digits (leading zeros kept)
 *   shown  = 8 groups of 5 digits
 *
 * 40 decimal digits carry log2(10^40) ≈ 132.9 bits (≥ 128 as required). Reducing a 256-bit value mod
 * 10^40 is biased by at most 10^40 / 2^256 < 2^-123 in statistical distance, i.e. not at all in practice;
 * this is the "no modulo bias" argument (a 5-digit-per-16-bit scheme, by contrast, would be visibly
 * biased).
 *
 * Verification means typing what the other side reads out; `compareTypedFingerprint` accepts any spacing
 * or dashes and compares in constant time.
 */
import { DOMAINS, domainHash } from './domains';
import { bytesEqual, canonicalBytes, toBase64, toHex, utf8Encode } from './encoding';
import { CryptoError } from './errors';
import { DelegationIdSchema } from './key-events';

import { FINGERPRINT_DIGITS, FINGERPRINT_GROUP } from './formats';
export { FINGERPRINT_DIGITS, FINGERPRINT_GROUP };
const MODULUS = 10n ** BigInt(FINGERPRINT_DIGITS);

export interface FingerprintInput {
  readonly delegationId: string;
  /** Ed25519 public key (32 bytes). */
  readonly signingKey: Uint8Array;
  /** X25519 public key (32 bytes). */
  readonly encryptionKey: Uint8Array;
}

/** The 32-byte fingerprint digest. */
export function fingerprintDigest(input: FingerprintInput): Uint8Array {
  if (!DelegationIdSchema.safeParse(input.delegationId).success) {
    throw new CryptoError('fingerprint-invalid', 'A fingerprint needs a valid delegation id.');
  }
  if (input.signingKey.length !== 32 || input.encryptionKey.length !== 32) {
    throw new CryptoError('fingerprint-invalid', 'A fingerprint needs 32-byte signing and encryption public keys.');
  }
  return domainHash(
    DOMAINS.fingerprint,
    canonicalBytes({ delegation: input.delegationId, encryptionKey: toBase64(input.encryptionKey), signingKey: toBase64(input.signingKey) }),
  );
}

/** 40 decimal digits, no separators. */
export function fingerprintDigits(input: FingerprintInput): string {
  const value = BigInt(`0x${toHex(fingerprintDigest(input))}`) % MODULUS;
  return value.toString().padStart(FINGERPRINT_DIGITS, '0');
}

/** ["12345", "67890", …] — 8 groups of 5. */
export function fingerprintGroups(digits: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += FINGERPRINT_GROUP) groups.push(digits.slice(i, i + FINGERPRINT_GROUP));
  return groups;
}

/** "12345 67890 …" as printed and shown. */
export function formatFingerprint(digits: string): string {
  return fingerprintGroups(digits).join(' ');
}

export type FingerprintComparison =
  | { readonly match: true }
  | { readonly match: false; readonly reason: 'invalid-characters' | 'wrong-length' | 'mismatch'; readonly digitCount: number };

/**
 * Compares what the user typed with the expected fingerprint. Spaces (any Unicode whitespace), hyphens and
 * dashes, dots and underscores are ignored; full-width and other compatibility digits are folded by NFKC;
 * anything else is `invalid-characters`. The digit strings are compared in constant time.
 */
export function compareTypedFingerprint(typed: string, expected: string): FingerprintComparison {
  const cleaned = typed.normalize('NFKC').replace(/[\s\p{Pd}._\u2212]/gu, '');
  const expectedDigits = expected.replace(/[\s\p{Pd}]/gu, '');
  if (!/^[0-9]*$/u.test(cleaned)) return { match: false, reason: 'invalid-characters', digitCount: cleaned.replace(/[^0-9]/gu, '').length };
  if (cleaned.length !== expectedDigits.length) return { match: false, reason: 'wrong-length', digitCount: cleaned.length };
  return bytesEqual(utf8Encode(cleaned), utf8Encode(expectedDigits)) ? { match: true } : { match: false, reason: 'mismatch', digitCount: cleaned.length };
}
