/**
 * What the user types in the verification ceremony, as the worker reads it (shared/crypto fingerprint.ts
 * `compareTypedFingerprint`): spaces, dashes, dots and underscores are ignored, full-width digits folded.
 * Only the shape is checked here; whether the digits are the card's is for the worker to say.
 */
import { FINGERPRINT_DIGITS } from '@shared/crypto/formats';

export { FINGERPRINT_DIGITS };

/**
 * The typed text without separators (what is sent to the worker). The same clean-up as
 * shared/crypto/fingerprint.ts `compareTypedFingerprint` (its twin): keep the two regexes in step.
 */
export function cleanFingerprint(typed: string): string {
  return typed.normalize('NFKC').replace(/[\s\p{Pd}._\u2212]/gu, '');
}

/** How many digits the typed text holds. */
export function digitCount(typed: string): number {
  return cleanFingerprint(typed).replace(/[^0-9]/gu, '').length;
}

export type FingerprintProblem = 'fingerprintRequired' | 'fingerprintCharacters' | 'fingerprintLength';

export function fingerprintProblem(typed: string): FingerprintProblem | null {
  const cleaned = cleanFingerprint(typed);
  if (cleaned === '') return 'fingerprintRequired';
  if (!/^[0-9]*$/u.test(cleaned)) return 'fingerprintCharacters';
  if (cleaned.length !== FINGERPRINT_DIGITS) return 'fingerprintLength';
  return null;
}
