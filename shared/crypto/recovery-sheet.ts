/**
 * The data of the printable recovery sheet (DESIGN.md §6), as a plain object the UI lays out and prints:
 * - the delegation's name, id and fingerprint (to recognise the sheet);
 * - the recovery key as 24 BIP39 words (unwraps the vault's master key);
 * - the next rotation key's 32-byte Ed25519 seed as 24 BIP39 words (signs the revocation, later rotation);
 * - the revocation certificate: base64 of the canonical JSON of the signed revocation event, ready to be
 *   imported on any peer's desk to revoke this delegation if the workstation is lost or stolen.
 *
 * The sheet is the only place the next rotation key exists outside the sealed vault, which is what makes
 * pre-rotation work: whoever steals the laptop and its passphrase still cannot revoke or rotate away the
 * keys, and cannot stop the legitimate owner from revoking them.
 */
import { z } from 'zod';
import { base64BytesSchema, canonicalBytes, fromBase64, toBase64, utf8Decode } from './encoding';
import { CryptoError } from './errors';
import { fingerprintGroups } from './fingerprint';
import { signingKeyPairFromSeed, type SigningKeyPair } from './identity';
import { type RevocationEvent, RevocationEventSchema, type SignedKeyEvent } from './key-events';
import { bytesToWords, wordsToBytes } from './mnemonic';

import { RecoverySheetSchema, type RecoverySheet } from './formats';
export { RecoverySheetSchema, type RecoverySheet };

export interface RecoverySheetInput {
  readonly delegationName: string;
  readonly delegationId: string;
  /** 40 digits from fingerprintDigits. */
  readonly fingerprintDigits: string;
  readonly recoveryKey: Uint8Array;
  readonly nextKeySeed: Uint8Array;
  readonly revocationCertificate: SignedKeyEvent<RevocationEvent>;
  readonly created?: string;
}

export function buildRecoverySheet(input: RecoverySheetInput): RecoverySheet {
  const sheet = {
    v: 1 as const,
    delegation: { name: input.delegationName, id: input.delegationId },
    fingerprint: fingerprintGroups(input.fingerprintDigits),
    recoveryWords: bytesToWords(input.recoveryKey),
    nextRotationKeyWords: bytesToWords(input.nextKeySeed),
    revocationCertificateB64: toBase64(canonicalBytes(input.revocationCertificate)),
    created: input.created ?? new Date().toISOString(),
  };
  const parsed = RecoverySheetSchema.safeParse(sheet);
  if (!parsed.success) {
    throw new CryptoError('recovery-sheet-invalid', `Recovery sheet data is invalid (${parsed.error.issues[0]?.path.map(String).join('.') ?? ''}).`);
  }
  return parsed.data;
}

/**
 * Decodes a revocation certificate from its sheet form into the signed event, checking its shape only;
 * `verifyKeyEventLog` decides whether it is valid for a given log.
 */
export function revocationCertificateFromBase64(text: string): SignedKeyEvent<RevocationEvent> {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(fromBase64(text.replace(/\s+/gu, ''), 'revocation certificate')));
  } catch {
    throw new CryptoError('recovery-sheet-invalid', 'The revocation certificate is not valid base64 JSON.');
  }
  const parsed = z.strictObject({ event: RevocationEventSchema, signature: base64BytesSchema(64) }).safeParse(value);
  if (!parsed.success) throw new CryptoError('recovery-sheet-invalid', 'The revocation certificate is not a signed revocation event.');
  return parsed.data;
}

/** Restores the next rotation key from the sheet's 24 words. */
export function nextRotationKeyFromWords(words: string | readonly string[]): SigningKeyPair {
  return signingKeyPairFromSeed(wordsToBytes(words, 'next rotation key words'));
}
