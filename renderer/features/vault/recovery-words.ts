/**
 * Checks typed recovery words before they are sent (the worker checks them again): the same rules as
 * shared/crypto/mnemonic.ts, so each mistake gets its own message — how many words, which are not on
 * the list, or a checksum that does not fit. Failures the worker reports are read the same way.
 */
import { isCryptoError } from '@shared/crypto/errors';
import { MNEMONIC_WORD_COUNT, normalizeWords, wordsToBytes } from '@shared/crypto/mnemonic';
import type { VaultFailure } from '../../app/hooks';

export type WordsProblem =
  | { readonly kind: 'required' }
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'unknown'; readonly positions: readonly number[]; readonly words: readonly string[] }
  | { readonly kind: 'checksum' }
  | { readonly kind: 'other-sheet' }
  | { readonly kind: 'invalid' };

export function checkRecoveryWords(text: string): WordsProblem | undefined {
  if (normalizeWords(text).length === 0) return { kind: 'required' };
  try {
    // The decoded key is not needed here: wipe it at once.
    wordsToBytes(text).fill(0);
    return undefined;
  } catch (error) {
    if (isCryptoError(error, 'mnemonic-word-count')) {
      const count = error.details['count'];
      return { kind: 'count', count: typeof count === 'number' ? count : normalizeWords(text).length };
    }
    if (isCryptoError(error, 'mnemonic-unknown-word')) {
      const positions = error.details['positions'];
      const words = error.details['words'];
      return {
        kind: 'unknown',
        positions: Array.isArray(positions) ? positions.filter((p): p is number => typeof p === 'number') : [],
        words: Array.isArray(words) ? words.map(String) : [],
      };
    }
    if (isCryptoError(error, 'mnemonic-checksum')) return { kind: 'checksum' };
    return { kind: 'invalid' };
  }
}

/**
 * A recovery failure from the worker as a WordsProblem, or undefined when it is about something else.
 * The worker names the reason (`word-count`, `unknown-word`, `checksum`) and positions, never the words.
 */
export function wordsProblemOf(failure: VaultFailure, text: string): WordsProblem | undefined {
  if (failure.code === 'recovery-key-mismatch') return { kind: 'other-sheet' };
  if (failure.code !== 'recovery-words-invalid') return undefined;
  const details = failure.details ?? {};
  const reason = details['reason'];
  const positions = details['positions'];
  if (reason === 'unknown-word' || Array.isArray(positions)) {
    return { kind: 'unknown', positions: Array.isArray(positions) ? positions.filter((p): p is number => typeof p === 'number') : [], words: [] };
  }
  const count = details['count'];
  if (reason === 'word-count' || (typeof count === 'number' && count !== MNEMONIC_WORD_COUNT)) {
    return { kind: 'count', count: typeof count === 'number' ? count : normalizeWords(text).length };
  }
  if (reason === 'checksum') return { kind: 'checksum' };
  return checkRecoveryWords(text) ?? { kind: 'invalid' };
}
