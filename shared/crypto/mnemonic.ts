/**
 * 32-byte secrets as 24 BIP39 English words (@scure/bip39): the recovery key and the next rotation key
 * seed are printed this way on the recovery sheet (DESIGN.md §6).
 *
 * Only the BIP39 *encoding* is used (entropy ↔ words with its 8-bit checksum); there is no BIP39 seed
 * derivation (PBKDF2) because the 256 bits of entropy are used directly as a key.
 *
 * Reading words back is tolerant of how people copy a sheet (any whitespace, commas, numbering such as
 * "1." or "12)", any letter case, compatibility forms via NFKD) and strict about content, with one distinct
 * error per mistake: wrong number of words, a word not in the list (with its position), or a checksum
 * failure (a typo that produced another valid word, or two words swapped).
 */
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { CryptoError } from './errors';

import { MNEMONIC_WORD_COUNT } from './formats';
export { MNEMONIC_WORD_COUNT };
const SECRET_BYTES = 32;
const WORDS = new Set(wordlist);

/** 32 bytes → 24 lowercase English BIP39 words. */
export function bytesToWords(secret: Uint8Array): string[] {
  if (secret.length !== SECRET_BYTES) {
    throw new CryptoError('key-invalid', `Only ${SECRET_BYTES}-byte secrets are written as ${MNEMONIC_WORD_COUNT} words (got ${secret.length}).`);
  }
  return entropyToMnemonic(secret, wordlist).split(' ');
}

/**
 * Splits what a user typed or pasted into candidate words: NFKD, lowercase, separators are any
 * whitespace or punctuation, and list numbering ("1.", "12)") is dropped.
 */
export function normalizeWords(input: string | readonly string[]): string[] {
  const text = typeof input === 'string' ? input : input.join(' ');
  return text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((token) => token !== '' && !/^\p{Nd}+$/u.test(token));
}

/** 24 words → 32 bytes, or a CryptoError naming exactly what is wrong. `what` names the secret in messages. */
export function wordsToBytes(input: string | readonly string[], what = 'recovery words'): Uint8Array {
  const words = normalizeWords(input);
  if (words.length !== MNEMONIC_WORD_COUNT) {
    throw new CryptoError('mnemonic-word-count', `The ${what} must be ${MNEMONIC_WORD_COUNT} words; ${words.length} were entered.`, {
      count: words.length,
      expected: MNEMONIC_WORD_COUNT,
    });
  }
  const unknown: number[] = [];
  words.forEach((word, index) => {
    if (!WORDS.has(word)) unknown.push(index + 1);
  });
  if (unknown.length > 0) {
    const listed = unknown.map((position) => `${position} ("${words[position - 1] ?? ''}")`).join(', ');
    throw new CryptoError('mnemonic-unknown-word', `Not a word of the recovery word list at position ${listed}.`, {
      positions: unknown,
      words: unknown.map((position) => words[position - 1] ?? ''),
    });
  }
  try {
    return mnemonicToEntropy(words.join(' '), wordlist);
  } catch {
    throw new CryptoError(
      'mnemonic-checksum',
      `The ${what} are all valid words but their checksum does not match: a word was mistyped as another valid word, or two words were swapped.`,
    );
  }
}
