/**
 * Passphrase rules (DESIGN.md §6): NFC normalisation, a minimum length, and a strength estimate for the
 * meter.
 *
 * Why NFC: "é" can be typed as one code point (U+00E9) or two (e + U+0301) depending on keyboard layout and
 * OS; Ukrainian "й" and "ї" likewise. Normalising before UTF-8 encoding makes the same visible passphrase
 * produce the same key on every workstation. NFC (not NFKC) because NFKC would fold distinct characters
 * a user deliberately typed (e.g. "ﬁ" → "fi"), silently weakening the passphrase.
 *
 * The strength estimate is a deliberately small, documented heuristic (docs/crypto.md §4), not a password
 * cracker model. A dictionary-aware estimator such as @zxcvbn-ts/core with English and Ukrainian
 * dictionaries would be better; it is not a dependency yet.
 */

export const PASSPHRASE_MIN_LENGTH = 12;

export type PassphraseStrength = 0 | 1 | 2 | 3 | 4;

export interface PassphraseAssessment {
  /** True when the passphrase may be used: at least PASSPHRASE_MIN_LENGTH code points after NFC. */
  readonly ok: boolean;
  /** Length in Unicode code points after NFC (what a user would call characters). */
  readonly length: number;
  readonly minLength: number;
  /** Heuristic entropy estimate in bits. */
  readonly estimatedBits: number;
  /** 0 = very weak … 4 = strong; drives the strength meter. */
  readonly strength: PassphraseStrength;
  /** Machine-readable hints for the UI to translate. */
  readonly hints: readonly ('too-short' | 'repetitive' | 'single-class' | 'add-words')[];
}

export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

/** Character classes and the alphabet size an attacker must assume once one character of the class appears. */
const CLASSES: readonly { readonly test: RegExp; readonly size: number }[] = [
  { test: /(?=\p{Ll})\p{Script=Latin}/u, size: 26 },
  { test: /(?=\p{Lu})\p{Script=Latin}/u, size: 26 },
  // Ukrainian has 33 letters in each case.
  { test: /(?=\p{Ll})\p{Script=Cyrillic}/u, size: 33 },
  { test: /(?=\p{Lu})\p{Script=Cyrillic}/u, size: 33 },
  { test: /\p{Nd}/u, size: 10 },
  { test: /[\p{P}\p{S}\p{Zs}]/u, size: 33 },
];
/** Any other script (Greek, CJK, …): a conservative flat allowance. */
const OTHER_SCRIPT_SIZE = 50;

/**
 * Entropy ≈ Σ per character: log2(pool) for a "fresh" character, 1 bit for a character that repeats the
 * previous one or continues a run of consecutive code points (aaaa, abcd, 1234, 4321), and a total cap of
 * log2(pool) × (2 × distinct characters) so a short pattern repeated many times earns little.
 * Thresholds: <28 bits → 0, <36 → 1, <60 → 2, <80 → 3, else 4.
 */
export function passphraseRules(passphrase: string): PassphraseAssessment {
  const codePoints = Array.from(normalizePassphrase(passphrase));
  const length = codePoints.length;
  let pool = 0;
  for (const { test, size } of CLASSES) if (codePoints.some((c) => test.test(c))) pool += size;
  if (codePoints.some((c) => !/[\p{Script=Latin}\p{Script=Cyrillic}\p{Nd}\p{P}\p{S}\p{Zs}]/u.test(c))) pool += OTHER_SCRIPT_SIZE;
  const perChar = pool > 0 ? Math.log2(pool) : 0;

  let bits = 0;
  let predictable = 0;
  for (let i = 0; i < length; i += 1) {
    const current = codePoints[i]?.codePointAt(0) ?? 0;
    const previous = i > 0 ? (codePoints[i - 1]?.codePointAt(0) ?? -10) : -10;
    const step = current - previous;
    if (step === 0 || step === 1 || step === -1) {
      bits += 1;
      predictable += 1;
    } else {
      bits += perChar;
    }
  }
  const distinct = new Set(codePoints).size;
  bits = Math.min(bits, perChar * 2 * distinct);
  const estimatedBits = Math.round(bits * 10) / 10;

  const strength: PassphraseStrength = bits < 28 ? 0 : bits < 36 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  const hints: PassphraseAssessment['hints'][number][] = [];
  if (length < PASSPHRASE_MIN_LENGTH) hints.push('too-short');
  if (length > 0 && (predictable * 2 >= length || distinct * 3 < length)) hints.push('repetitive');
  if (length > 0 && CLASSES.filter(({ test }) => codePoints.some((c) => test.test(c))).length <= 1) hints.push('single-class');
  if (strength < 3) hints.push('add-words');
  return { ok: length >= PASSPHRASE_MIN_LENGTH, length, minLength: PASSPHRASE_MIN_LENGTH, estimatedBits, strength, hints };
}
